package io.knetsim.net.link;

import io.knetsim.net.dev.EthernetNic;

/**
 * A cable between two NICs. Each direction is a chain of decorators built from the config:
 *
 * <pre>
 *   a.xmit --> [loss] --> [rate + queue] --> [wire delay] --> b.receive
 *   b.xmit --> [loss] --> [rate + queue] --> [wire delay] --> a.receive
 * </pre>
 */
public final class Link {
    private final EthernetNic a;
    private final EthernetNic b;
    private final LinkConfig config;

    private Link(EthernetNic a, EthernetNic b, LinkConfig config) {
        this.a = a;
        this.b = b;
        this.config = config;
    }

    /** Plugs a cable between two NICs that have none. */
    public static Link connect(EthernetNic a, EthernetNic b, LinkConfig config) {
        if (a.link() != null || b.link() != null) {
            throw new IllegalStateException("NIC already connected: " + (a.link() != null ? a : b));
        }
        Link l = new Link(a, b, config);
        a.attach(l, direction(a, b, config));
        b.attach(l, direction(b, a, config));
        a.namespace().world().addLink(l);
        return l;
    }

    private static Channel direction(EthernetNic from, EthernetNic to, LinkConfig c) {
        var sim = from.namespace().sim();
        Channel ch = new Wire(sim, c.delayNanos(), to);
        if (c.bitsPerSecond() > 0) {
            ch = new RateLimiter(sim, c.bitsPerSecond(), c.queueFrames(), ch, from);
        }
        if (c.loss() > 0) {
            ch = new LossyChannel(sim.random("loss/" + from + ">" + to), c.loss(), ch, from);
        }
        return ch;
    }

    public EthernetNic a() {
        return a;
    }

    public EthernetNic b() {
        return b;
    }

    public LinkConfig config() {
        return config;
    }

    /** The NIC at the other end from {@code nic}. */
    public EthernetNic peerOf(EthernetNic nic) {
        return nic == a ? b : a;
    }

    @Override
    public String toString() {
        return a + "<->" + b;
    }
}
