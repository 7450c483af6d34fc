package io.knetsim.tool.iproute;

import io.knetsim.addr.MacAddress;
import io.knetsim.net.DeviceStats;
import io.knetsim.net.NetDevice;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.BridgePort;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.sim.SimTime;

/**
 * The link part of {@code ip link} and {@code ip addr} output, laid out as iproute2 6.x
 * prints it (each attribute followed by one space, which leaves some lines with a trailing
 * space exactly as the real tool does):
 *
 * <pre>
 * 2: eth0@if5: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1500 qdisc noqueue state UP group default qlen 1000
 *     link/ether 0a:58:0a:f4:01:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
 * </pre>
 *
 * With {@code -d} the link line goes on with {@code promiscuity ...} and a line per link
 * kind ({@code veth}, {@code bridge ...}, {@code vxlan id 100 ...}, {@code bridge_slave ...});
 * these carry the attributes the model has, in iproute2's order, and stop before the long
 * tail of multicast and timer attributes.
 */
final class LinkFormat {
    private LinkFormat() {
    }

    /** The first line: index, name, flags, mtu, qdisc, master, state, [mode], group, qlen. */
    static String header(NetDevice d, boolean linkMode) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.ifindex()).append(": ").append(DeviceFacts.nameAndLink(d)).append(": ");
        sb.append('<').append(DeviceFacts.linkFlags(d)).append("> ");
        sb.append("mtu ").append(d.mtu()).append(' ');
        sb.append("qdisc ").append(DeviceFacts.qdisc(d)).append(' ');
        if (d.master() != null) {
            sb.append("master ").append(d.master().name()).append(' ');
        }
        sb.append("state ").append(DeviceFacts.operState(d)).append(' ');
        if (linkMode) {
            sb.append("mode DEFAULT ");
        }
        sb.append("group default ");
        int qlen = DeviceFacts.txQueueLen(d);
        if (qlen != 0) {
            sb.append("qlen ").append(qlen);
        }
        return sb.append('\n').toString();
    }

    /** The {@code link/ether} line, with the {@code -d} details when asked. */
    static String linkLine(NetDevice d, boolean details, boolean linkMode) {
        StringBuilder sb = new StringBuilder("    link/").append(d.linkType()).append(' ');
        sb.append(d.macAddress()).append(" brd ");
        sb.append(DeviceFacts.isLoopback(d) ? MacAddress.ZERO : MacAddress.BROADCAST);
        int nsid = DeviceFacts.linkNetnsid(d);
        if (nsid >= 0) {
            sb.append(" link-netnsid ").append(nsid);
        }
        if (details) {
            appendDetails(sb, d, linkMode);
        }
        return sb.append('\n').toString();
    }

    private static void appendDetails(StringBuilder sb, NetDevice d, boolean linkMode) {
        BridgePort port = DeviceFacts.bridgePort(d);
        int promisc = port != null ? 1 : 0;
        sb.append(" promiscuity ").append(promisc).append(' ');
        sb.append(" allmulti ").append(promisc).append(' ');
        sb.append("minmtu ").append(DeviceFacts.minMtu(d)).append(' ');
        sb.append("maxmtu ").append(DeviceFacts.maxMtu(d)).append(' ');
        String kind = DeviceFacts.linkKind(d);
        if (kind != null) {
            sb.append("\n    ").append(kind).append(' ');
            if (d instanceof Bridge b) {
                appendBridge(sb, b);
            } else if (d instanceof VxlanDevice v) {
                appendVxlan(sb, v);
            }
        }
        if (port != null) {
            sb.append("\n    bridge_slave ");
            appendBridgeSlave(sb, port);
        }
        if (linkMode) {
            sb.append("addrgenmode eui64 ");
        }
        boolean bigTso = DeviceFacts.isLoopback(d) || d instanceof Veth;
        sb.append("numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size ")
            .append(bigTso ? 524280 : 65536).append(" tso_max_segs 65535 gro_max_size 65536 ");
    }

    private static String bridgeId(Bridge b) {
        return "8000." + b.macAddress();
    }

    private static void appendBridge(StringBuilder sb, Bridge b) {
        long ageingCs = b.fdb().ageingTime() / SimTime.ms(10);
        sb.append("forward_delay 1500 hello_time 200 max_age 2000 ageing_time ").append(ageingCs)
            .append(" stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q bridge_id ")
            .append(bridgeId(b)).append(" designated_root ").append(bridgeId(b))
            .append(" root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 ");
    }

    private static void appendVxlan(StringBuilder sb, VxlanDevice v) {
        sb.append("id ").append(v.vni()).append(' ');
        if (v.local() != null) {
            sb.append("local ").append(v.local()).append(' ');
        }
        if (v.underlay() != null) {
            sb.append("dev ").append(v.underlay().name()).append(' ');
        }
        sb.append("srcport 0 0 dstport ").append(v.dstPort()).append(' ');
        if (!v.learning()) {
            sb.append("nolearning ");
        }
        sb.append("ttl auto ageing ").append(v.fdb().ageingTime() / SimTime.seconds(1))
            .append(v.udpChecksum() ? " udpcsum" : " noudpcsum").append(" noudp6zerocsumtx noudp6zerocsumrx ");
    }

    private static void appendBridgeSlave(StringBuilder sb, BridgePort p) {
        int no = DeviceFacts.portNumber(p);
        Bridge b = (Bridge) p.device().master();
        sb.append("state ").append(p.state()).append(" priority 32 cost ").append(DeviceFacts.portCost(p))
            .append(" hairpin ").append(onOff(p.hairpin())).append(" guard off root_block off fastleave off learning ")
            .append(onOff(p.learning())).append(" flood ").append(onOff(p.flood()))
            .append(String.format(" port_id 0x%x port_no 0x%x designated_port %d", 0x8000 + no, no, 0x8000 + no))
            .append(" designated_cost 0 designated_bridge ").append(bridgeId(b))
            .append(" designated_root ").append(bridgeId(b)).append(' ');
    }

    static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /**
     * The {@code -s} block of iproute2 6.x: right-aligned columns at least as wide as their
     * headers (and as the widest value), headers and values each followed by a space.
     */
    static String stats(NetDevice d) {
        DeviceStats s = d.stats();
        long[] rx = {s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, 0, 0, 0};
        long[] tx = {s.txBytes, s.txPackets, s.txErrors, s.txDropped, 0, 0, 0};
        int[] cols = {"*X errors:".length(), "packets".length(), "errors".length(), "dropped".length(),
            "heartbt".length(), "overrun".length(), "compressed".length()};
        sizeColumns(cols, rx);
        sizeColumns(cols, tx);
        StringBuilder sb = new StringBuilder();
        sb.append("    RX: ").append(headerRow(cols, "bytes", "packets", "errors", "dropped", "missed", "mcast"))
            .append('\n').append(valueRow(cols, rx)).append('\n');
        sb.append("    TX: ").append(headerRow(cols, "bytes", "packets", "errors", "dropped", "carrier", "collsns"))
            .append('\n').append(valueRow(cols, tx)).append('\n');
        return sb.toString();
    }

    /** iproute2's {@code size_columns}: digits counted as it counts them (10 counts as one). */
    private static void sizeColumns(int[] cols, long[] values) {
        for (int i = 0; i < cols.length; i++) {
            int len = 1;
            for (long powi = 10; powi < values[i]; powi *= 10) {
                len++;
            }
            cols[i] = Math.max(cols[i], len);
        }
    }

    private static String headerRow(int[] cols, String... names) {
        StringBuilder sb = new StringBuilder();
        sb.append(pad(cols[0] - 4, names[0]));
        for (int i = 1; i < names.length; i++) {
            sb.append(' ').append(pad(cols[i], names[i]));
        }
        return sb.append(' ').append(pad(cols[6], "")).toString();
    }

    private static String valueRow(int[] cols, long[] values) {
        StringBuilder sb = new StringBuilder("    ");
        for (int i = 0; i < 6; i++) {
            sb.append(pad(cols[i], Long.toString(values[i]))).append(' ');
        }
        return sb.toString();
    }

    private static String pad(int width, String s) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** {@code ip -br}: the name and state columns every brief line starts with. */
    static String briefStart(NetDevice d) {
        return String.format("%-16s %-14s ", DeviceFacts.nameAndLink(d), DeviceFacts.operState(d));
    }

    /** {@code ip -br link}: name, state, MAC and flags. */
    static String briefLink(NetDevice d) {
        return briefStart(d) + d.macAddress() + " <" + DeviceFacts.linkFlags(d) + "> \n";
    }
}
