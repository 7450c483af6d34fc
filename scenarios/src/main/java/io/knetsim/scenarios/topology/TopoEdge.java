package io.knetsim.scenarios.topology;

/**
 * An edge of the drawn world: a cable, a veth pair, a device's place in its host, or a VXLAN
 * tunnel. Edges are compared by identity, so two cables between the same hosts stay two.
 */
public final class TopoEdge {
    /** What the edge stands for. */
    public enum Kind { LINK, VETH, MEMBER, TUNNEL }

    private final Kind kind;
    private final String from;
    private final String to;
    private final String label;

    TopoEdge(Kind kind, String from, String to, String label) {
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.label = label;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code NODE:DEVICE} at one end. */
    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String label() {
        return label;
    }
}
