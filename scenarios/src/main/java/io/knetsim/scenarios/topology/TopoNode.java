package io.knetsim.scenarios.topology;

/** A vertex of the drawn world: a host or pod namespace, a bridge or a VXLAN tunnel endpoint. */
public record TopoNode(String id, Kind kind, String label) {
    /** What the vertex stands for, with the DOT shape it is drawn as. */
    public enum Kind {
        HOST("box"), POD("ellipse"), BRIDGE("diamond"), VTEP("hexagon");

        private final String shape;

        Kind(String shape) {
            this.shape = shape;
        }

        public String shape() {
            return shape;
        }
    }
}
