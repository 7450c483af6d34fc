package io.knetsim.pcap;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.PacketTap;
import io.knetsim.net.dev.Loopback;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.SkBuff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A packet capture: a {@link PacketTap} on one device, or on every device of a namespace
 * ({@code any}), that copies each frame, optionally filters it, and hands it to a sink (a
 * {@link PcapWriter}, tcpdump's printer, a test). It is a decorator: the devices know nothing
 * of it beyond the tap they call.
 *
 * <pre>
 *   Capture.on(eth0).toFile(Path.of("eth0.pcap"))            Ethernet frames as sent and received
 *   Capture.onAny(ns).to(writer)                             Linux cooked v1 (SLL) on every device
 *   Capture.onAny(ns).linkType(LinkType.LINUX_SLL2).to(p -> ...)   cooked v2, with interface index
 *
 *   device.xmit / receive --tap--> copy --filter--> sink       count; stop() removes the taps
 * </pre>
 *
 * Captures on {@code any} follow the namespace: devices created in it or moved into it while
 * the capture runs are tapped as they appear; packets on a device that has left it are ignored.
 */
public final class Capture implements AutoCloseable {
    private final NetNamespace anyOf;
    private final List<NetDevice> devices;
    private final Consumer<NetDevice> joined = this::deviceJoined;
    private final LinkType linkType;
    private final Predicate<CapturedPacket> filter;
    private final Consumer<CapturedPacket> sink;
    private final PcapWriter ownedWriter;
    private final PcapWriter writer;
    private final PacketTap tap = this::tapped;
    private long seen;
    private long packets;
    private boolean stopped;

    private Capture(Builder b, Consumer<CapturedPacket> sink, PcapWriter writer, boolean owned) {
        this.anyOf = b.anyOf;
        this.devices = new ArrayList<>(b.anyOf != null ? b.anyOf.devices() : List.of(b.device));
        this.linkType = b.linkType;
        this.filter = b.filter;
        this.sink = sink;
        this.writer = writer;
        this.ownedWriter = owned ? writer : null;
        for (NetDevice d : devices) {
            d.addTap(tap);
        }
        if (anyOf != null) {
            anyOf.addDeviceListener(joined);
        }
    }

    /** A device created in (or moved into) the namespace of a capture on any is tapped too. */
    private void deviceJoined(NetDevice dev) {
        if (!stopped && !devices.contains(dev)) {
            devices.add(dev);
            dev.addTap(tap);
        }
    }

    /** A capture on one device, in Ethernet framing. */
    public static Builder on(NetDevice dev) {
        if (dev == null) {
            throw new IllegalArgumentException("device is null");
        }
        return new Builder(dev, null);
    }

    /** A capture on every device of {@code ns}, in Linux cooked framing (v1 unless told otherwise). */
    public static Builder onAny(NetNamespace ns) {
        if (ns == null) {
            throw new IllegalArgumentException("namespace is null");
        }
        return new Builder(null, ns);
    }

    /** What to capture and where it goes. */
    public static final class Builder {
        private final NetDevice device;
        private final NetNamespace anyOf;
        private LinkType linkType;
        private Predicate<CapturedPacket> filter;

        private Builder(NetDevice device, NetNamespace anyOf) {
            this.device = device;
            this.anyOf = anyOf;
            this.linkType = anyOf != null ? LinkType.LINUX_SLL : LinkType.ETHERNET;
        }

        /** Ethernet for one device; {@code LINUX_SLL} or {@code LINUX_SLL2} for {@code any}. */
        public Builder linkType(LinkType t) {
            check(t);
            this.linkType = t;
            return this;
        }

        /** Keeps only the packets {@code f} accepts; the others are counted as seen, not captured. */
        public Builder filter(Predicate<CapturedPacket> f) {
            this.filter = f;
            return this;
        }

        /** Starts capturing into {@code sink}. */
        public Capture to(Consumer<CapturedPacket> sink) {
            if (sink == null) {
                throw new IllegalArgumentException("sink is null");
            }
            return new Capture(this, sink, null, false);
        }

        /** Starts capturing into {@code writer}, whose link type it takes; the caller closes the writer. */
        public Capture to(PcapWriter writer) {
            linkType(writer.linkType());
            return new Capture(this, null, writer, false);
        }

        /** Starts capturing into a new pcap file (nanosecond timestamps), closed when the capture stops. */
        public Capture toFile(Path file) throws IOException {
            return new Capture(this, null, PcapWriter.create(file, linkType), true);
        }

        private void check(LinkType t) {
            if (t == null) {
                throw new IllegalArgumentException("link type is null");
            }
            if (anyOf == null && t != LinkType.ETHERNET) {
                throw new IllegalArgumentException(t.dltName() + " is not one of the link types of " + device.name()
                    + ": a capture on one device is EN10MB (Ethernet)");
            }
            if (anyOf != null && !t.isCooked()) {
                throw new IllegalArgumentException("a capture on any is LINUX_SLL or LINUX_SLL2, not " + t.dltName());
            }
        }
    }

    private void tapped(NetDevice dev, SkBuff skb, PacketTap.Direction dir) {
        if (stopped || (anyOf != null && dev.namespace() != anyOf) || skb.len() < EthernetHeader.LENGTH) {
            return;
        }
        boolean loopback = dev instanceof Loopback;
        PacketTap.Direction shown = loopback ? PacketTap.Direction.IN : dir;
        int pktType = shown == PacketTap.Direction.OUT ? SllHeader.OUTGOING : loopback ? SllHeader.HOST
            : pktType(skb.pktType);
        byte[] b = skb.buf();
        int off = skb.data();
        int len = skb.len();
        byte[] data;
        switch (linkType) {
            case ETHERNET -> {
                data = new byte[len];
                System.arraycopy(b, off, data, 0, len);
            }
            case LINUX_SLL -> {
                data = new byte[SllHeader.LENGTH + len - EthernetHeader.LENGTH];
                SllHeader.write(data, 0, pktType, loopback ? SllHeader.ARPHRD_LOOPBACK : SllHeader.ARPHRD_ETHER,
                    EthernetHeader.src(b, off), EthernetHeader.etherType(b, off));
                System.arraycopy(b, off + EthernetHeader.LENGTH, data, SllHeader.LENGTH, len - EthernetHeader.LENGTH);
            }
            case LINUX_SLL2 -> {
                data = new byte[Sll2Header.LENGTH + len - EthernetHeader.LENGTH];
                Sll2Header.write(data, 0, EthernetHeader.etherType(b, off), dev.ifindex(),
                    loopback ? SllHeader.ARPHRD_LOOPBACK : SllHeader.ARPHRD_ETHER, pktType, EthernetHeader.src(b, off));
                System.arraycopy(b, off + EthernetHeader.LENGTH, data, Sll2Header.LENGTH, len - EthernetHeader.LENGTH);
            }
            default -> throw new IllegalStateException("unhandled link type " + linkType);
        }
        CapturedPacket p = new CapturedPacket(dev.namespace().sim().now(), dev, shown, pktType, linkType, data,
            data.length);
        seen++;
        if (filter != null && !filter.test(p)) {
            return;
        }
        packets++;
        if (writer != null) {
            try {
                writer.write(p.timeNanos(), data);
            } catch (IOException e) {
                throw new UncheckedIOException("capture: cannot write pcap record: " + e.getMessage(), e);
            }
        } else {
            sink.accept(p);
        }
    }

    private static int pktType(SkBuff.PktType t) {
        return switch (t) {
            case HOST -> SllHeader.HOST;
            case BROADCAST -> SllHeader.BROADCAST;
            case MULTICAST -> SllHeader.MULTICAST;
            case OTHERHOST -> SllHeader.OTHERHOST;
            case OUTGOING -> SllHeader.OUTGOING;
        };
    }

    /** Removes the taps (and closes a file this capture opened); later calls do nothing. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (anyOf != null) {
            anyOf.removeDeviceListener(joined);
        }
        for (NetDevice d : devices) {
            d.removeTap(tap);
        }
        try {
            if (ownedWriter != null) {
                ownedWriter.close();
            } else if (writer != null) {
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("capture: cannot finish pcap file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean stopped() {
        return stopped;
    }

    /** Packets that passed the filter and went to the sink. */
    public long packets() {
        return packets;
    }

    /** Packets the taps saw, filtered out or not. */
    public long seen() {
        return seen;
    }

    public LinkType linkType() {
        return linkType;
    }

    /** The devices tapped so far. */
    public List<NetDevice> devices() {
        return Collections.unmodifiableList(new ArrayList<>(devices));
    }

    /** The namespace for a capture on {@code any}, else null. */
    public NetNamespace anyNamespace() {
        return anyOf;
    }
}
