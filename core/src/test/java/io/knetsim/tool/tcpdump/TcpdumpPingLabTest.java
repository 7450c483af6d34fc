package io.knetsim.tool.tcpdump;

import static io.knetsim.pcap.LabWorlds.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.LabWorlds;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: watch the first ping between two hosts with tcpdump.
 *
 * <pre>
 *   h1 [eth0 10.0.0.1/24] -------- 50 us -------- [eth0 10.0.0.2/24] h2
 *      $ tcpdump -n                      (ping 10.0.0.2 at t = 1 s)
 * </pre>
 *
 * tcpdump runs in the foreground until the world has nothing left to do, then is interrupted
 * as if by Ctrl-C: it prints an extra newline on stdout and its counts on stderr.
 */
class TcpdumpPingLabTest {
    @TempDir
    Path dir;

    private LabWorlds.TwoHosts pingAtOneSecond() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        t.world().sim().at(SimTime.seconds(1), () -> ping(t.h1(), "10.0.0.2", 7, 1));
        return t;
    }

    @Test
    void firstPingShowsArpThenEchoAndTheNeighbourProbeFiveSecondsLater() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        String h1mac = t.eth1().macAddress().toString();
        String h2mac = t.eth2().macAddress().toString();

        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -n");

        assertThat(td.stdout()).isEqualTo(""
            + "00:00:01.000000 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"
            + "00:00:01.000100 ARP, Reply 10.0.0.2 is-at " + h2mac + ", length 28\n"
            + "00:00:01.000100 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n"
            + "00:00:01.000200 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64\n"
            // h2 learnt h1 from its request, used the entry (DELAY), and confirms it 5 s later
            + "00:00:06.000200 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28\n"
            + "00:00:06.000200 ARP, Reply 10.0.0.1 is-at " + h1mac + ", length 28\n"
            + "\n");
        assertThat(td.stderr()).isEqualTo(Tcpdump.banner("eth0", "EN10MB (Ethernet)") + Tcpdump.counts(6));
        assertThat(td.exitCode()).isZero();
    }

    @Test
    void countStopsAfterNPacketsWithoutTheInterruptNewline() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        Invocation td = Tcpdump.runner(dir).run(t.h2(), "tcpdump -c 2 -n icmp");
        assertThat(td.stdout()).isEqualTo(""
            + "00:00:01.000150 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n"
            + "00:00:01.000150 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64\n");
        assertThat(td.stderr()).endsWith(Tcpdump.counts(2));
        assertThat(td.exitCode()).isZero();
        assertThat(t.world().sim().now()).as("tcpdump returned at once").isEqualTo(SimTime.us(1_000_150));
    }

    @Test
    void onePacketIsSingular() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        Invocation td = Tcpdump.runner(dir).run(t.h2(), "tcpdump -c1 -n icmp");
        assertThat(td.stderr()).endsWith("1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\n");
    }

    @Test
    void linkHeadersWithE() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        String m1 = t.eth1().macAddress().toString();
        String m2 = t.eth2().macAddress().toString();
        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -n -e -c 4");
        assertThat(td.stdout()).isEqualTo(""
            + "00:00:01.000000 " + m1 + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: "
            + "Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"
            + "00:00:01.000100 " + m2 + " > " + m1 + ", ethertype ARP (0x0806), length 42: "
            + "Reply 10.0.0.2 is-at " + m2 + ", length 28\n"
            + "00:00:01.000100 " + m1 + " > " + m2 + ", ethertype IPv4 (0x0800), length 98: "
            + "10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n"
            + "00:00:01.000200 " + m2 + " > " + m1 + ", ethertype IPv4 (0x0800), length 98: "
            + "10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64\n");
    }

    @Test
    void verboseAddsTheIpHeaderAndDropsTheSuppressedNotice() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -nv -c 2 icmp");
        String out = td.stdout().replaceAll("id \\d+, offset", "id N, offset");
        assertThat(out).isEqualTo(""
            + "00:00:01.000100 IP (tos 0x0, ttl 64, id N, offset 0, flags [DF], proto ICMP (1), length 84)\n"
            + "    10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n"
            // the kernel answers echo requests without DF
            + "00:00:01.000200 IP (tos 0x0, ttl 64, id N, offset 0, flags [none], proto ICMP (1), length 84)\n"
            + "    10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64\n");
        assertThat(td.stderr()).startsWith("tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n");
    }

    @Test
    void withoutNMacsCarryTheirOuiAndBroadcastHasAName() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        String m1 = t.eth1().macAddress().toString();
        String m2 = t.eth2().macAddress().toString();
        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -e -c 2 arp");
        assertThat(td.stdout()).isEqualTo(""
            + "00:00:01.000000 " + m1 + " (oui Unknown) > Broadcast, ethertype ARP (0x0806), length 42: "
            + "Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"
            + "00:00:01.000100 " + m2 + " (oui Unknown) > " + m1 + " (oui Unknown), ethertype ARP (0x0806), length 42: "
            + "Reply 10.0.0.2 is-at " + m2 + " (oui Unknown), length 28\n");
    }

    @Test
    void quietAndTimestampFormats() {
        ToolRunner r = Tcpdump.runner(dir);
        LabWorlds.TwoHosts t = pingAtOneSecond();
        assertThat(r.run(t.h1(), "tcpdump -q -n -e -c 1 icmp").stdout())
            .isEqualTo("00:00:01.000100 " + t.eth1().macAddress() + " > " + t.eth2().macAddress()
                + ", IPv4, length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n");
        t = pingAtOneSecond();
        assertThat(r.run(t.h1(), "tcpdump -t -n -c 1 icmp").stdout())
            .isEqualTo("IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n");
        t = pingAtOneSecond();
        assertThat(r.run(t.h1(), "tcpdump -tt -n -c 1 icmp").stdout()).startsWith("1.000100 IP 10.0.0.1 > ");
        t = pingAtOneSecond();
        assertThat(r.run(t.h1(), "tcpdump -ttt -n -c 2 icmp").stdout())
            .startsWith("00:00:00.000000 IP 10.0.0.1").contains("\n00:00:00.000100 IP 10.0.0.2");
        t = pingAtOneSecond();
        assertThat(r.run(t.h1(), "tcpdump -tttt -n -c 1 icmp").stdout()).startsWith("1970-01-01 00:00:01.000100 IP ");
        t = pingAtOneSecond();
        assertThat(r.run(t.h1(), "tcpdump --nano -n -c 1 icmp").stdout()).startsWith("00:00:01.000100000 IP ");
    }

    @Test
    void anyShowsTheInterfaceAndDirectionOfEachPacket() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -n -i any -c 4");
        assertThat(td.stdout()).isEqualTo(""
            + "00:00:01.000000 eth0  Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"
            + "00:00:01.000100 eth0  In  ARP, Reply 10.0.0.2 is-at " + t.eth2().macAddress() + ", length 28\n"
            + "00:00:01.000100 eth0  Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n"
            + "00:00:01.000200 eth0  In  IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64\n");
        assertThat(td.stderr()).startsWith(Tcpdump.banner("any", "LINUX_SLL2 (Linux cooked v2)"));
    }

    @Test
    void anyWithTheCookedV1TypeAsksForItAndPrintsNoInterfaces() {
        LabWorlds.TwoHosts t = pingAtOneSecond();
        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -n -i any -y LINUX_SLL -e -c 1 icmp");
        assertThat(td.stderr()).startsWith("tcpdump: data link type LINUX_SLL\n"
            + Tcpdump.banner("any", "LINUX_SLL (Linux cooked v1)"));
        assertThat(td.stdout()).isEqualTo("00:00:01.000100 Out " + t.eth1().macAddress()
            + " ethertype IPv4 (0x0800), length 100: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64\n");
    }

    @Test
    void anyPicksUpAnInterfaceCreatedWhileItRuns() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        Invocation td = Tcpdump.runner(dir).start(t.h1(), "tcpdump -n -i any icmp");
        io.knetsim.net.NetNamespace pod = t.world().createNamespace("pod");
        io.knetsim.net.dev.Veth[] v = io.knetsim.net.dev.Veth.createPair(t.h1(), "vethpod", pod, "eth0", 1500);
        v[0].setUp(true);
        v[1].setUp(true);
        t.h1().addAddress(v[0], io.knetsim.addr.Cidr.parse("10.9.0.1/24"));
        pod.addAddress(v[1], io.knetsim.addr.Cidr.parse("10.9.0.2/24"));
        ping(pod, "10.9.0.1", 3, 1);
        t.world().sim().runFor(SimTime.ms(1));
        td.interrupt();
        assertThat(td.stdout()).isEqualTo(""
            + "00:00:00.000000 vethpod In  IP 10.9.0.2 > 10.9.0.1: ICMP echo request, id 3, seq 1, length 64\n"
            + "00:00:00.000000 vethpod Out IP 10.9.0.1 > 10.9.0.2: ICMP echo reply, id 3, seq 1, length 64\n\n");
    }

    @Test
    void loopbackShowsEachPacketOnceAsReceived() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        t.world().sim().at(SimTime.seconds(1), () -> ping(t.h1(), "10.0.0.1", 7, 1));
        assertThat(Tcpdump.runner(dir).run(t.h1(), "tcpdump -n -i any").stdout()).isEqualTo(""
            + "00:00:01.000000 lo    In  IP 10.0.0.1 > 10.0.0.1: ICMP echo request, id 7, seq 1, length 64\n"
            + "00:00:01.000000 lo    In  IP 10.0.0.1 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64\n\n");
        LabWorlds.TwoHosts u = LabWorlds.twoHosts(1);
        u.world().sim().at(SimTime.seconds(1), () -> ping(u.h1(), "127.0.0.1", 7, 1));
        assertThat(Tcpdump.runner(dir).run(u.h1(), "tcpdump -n -e -i lo -c 1").stdout()).isEqualTo(""
            + "00:00:01.000000 00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 (0x0800), length 98: "
            + "127.0.0.1 > 127.0.0.1: ICMP echo request, id 7, seq 1, length 64\n");
    }

    @Test
    void aBackgroundCaptureSeesWhatHappensWhileItRunsAndStopsOnInterrupt() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        ToolRunner r = Tcpdump.runner(dir);
        Invocation td = r.start(t.h2(), "tcpdump -n icmp");
        ping(t.h1(), "10.0.0.2", 1, 1);
        t.world().sim().runFor(SimTime.ms(1));
        td.interrupt();
        assertThat(td.stdout()).hasLineCount(3).endsWith("echo reply, id 1, seq 1, length 64\n\n");
        assertThat(td.exitCode()).isZero();
        ping(t.h1(), "10.0.0.2", 1, 2);
        t.world().sim().runFor(SimTime.ms(1));
        assertThat(td.stdout()).as("nothing after the interrupt").hasLineCount(3);
        assertThat(t.eth2().stats().rxPackets).as("ARP request and two echo requests").isEqualTo(3);
    }
}
