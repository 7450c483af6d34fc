package io.knetsim.tool.tcpdump;

import static io.knetsim.pcap.LabWorlds.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.LabWorlds;
import io.knetsim.pcap.LinkType;
import io.knetsim.pcap.PcapReader;
import io.knetsim.pcap.PcapRecord;
import io.knetsim.pcap.Tshark;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: save a capture with {@code -w}, read it back with {@code -r}, open it in Wireshark.
 *
 * <pre>
 *   podA --- hostA [cni0, flannel.100, eth0] ==VXLAN== hostB --- podB
 *      hostA$ tcpdump -i any -w any.pcap        (in the background; ping; Ctrl-C)
 *      hostA$ tcpdump -n -r any.pcap icmp
 * </pre>
 */
class TcpdumpFilesTest {
    @TempDir
    Path dir;

    private Invocation captureFlannelPing(ToolRunner r, LabWorlds.Flannel f, String line) {
        Invocation td = r.start(f.a().host(), line);
        ping(f.a().pod(), "11.10.2.2", 1, 1);
        f.world().sim().runFor(SimTime.ms(10));
        td.interrupt();
        return td;
    }

    @Test
    void writeThenReadPrintsWhatALiveCaptureWouldHave() throws IOException {
        ToolRunner r = Tcpdump.runner(dir);
        LabWorlds.Flannel f = LabWorlds.flannel(5);
        Invocation w = captureFlannelPing(r, f, "tcpdump -i eth0 -w eth0.pcap");
        assertThat(w.stdout()).as("nothing printed, not even the interrupt's newline").isEmpty();
        assertThat(w.stderr()).isEqualTo("tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length "
            + "262144 bytes\n" + Tcpdump.counts(4));
        assertThat(w.exitCode()).isZero();

        List<PcapRecord> recs = PcapReader.readAll(dir.resolve("eth0.pcap"));
        assertThat(recs).hasSize(4);

        LabWorlds.Flannel g = LabWorlds.flannel(5);
        Invocation live = captureFlannelPing(r, g, "tcpdump -n -i eth0");
        Invocation read = r.run(f.a().host(), "tcpdump -n -r eth0.pcap");
        assertThat(read.stdout() + "\n").isEqualTo(live.stdout());
        assertThat(read.stderr()).isEqualTo("reading from file eth0.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n");
        assertThat(read.exitCode()).isZero();
    }

    @Test
    void readingAppliesFiltersAndCountsAndCanWriteAgain() throws IOException {
        ToolRunner r = Tcpdump.runner(dir);
        LabWorlds.Flannel f = LabWorlds.flannel(5);
        captureFlannelPing(r, f, "tcpdump -i any -w any.pcap");
        Invocation read = r.run(f.a().host(), "tcpdump -n -r any.pcap -c 2 icmp");
        assertThat(read.stdout()).isEqualTo(""
            + "00:00:00.000000 veth1 P   IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:00.000000 cni0  In  IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n");
        assertThat(read.stderr()).startsWith("reading from file any.pcap, link-type LINUX_SLL2 (Linux cooked v2)");

        Invocation copy = r.run(f.a().host(), "tcpdump -r any.pcap -w arp.pcap arp");
        assertThat(copy.exitCode()).isZero();
        try (PcapReader pr = PcapReader.open(dir.resolve("arp.pcap"))) {
            assertThat(pr.linkType()).isEqualTo(LinkType.LINUX_SLL2);
            assertThat(pr.readAll()).hasSize(6);
        }
        // another node has no interface with these indexes (or other ones): names come from where tcpdump runs
        Invocation elsewhere = r.run(f.b().pod(), "tcpdump -n -r arp.pcap -c 1");
        assertThat(elsewhere.stdout()).startsWith("00:00:00.000000 ?     B   ARP, Request who-has 11.10.1.1");
    }

    @Test
    void theSameSeedWritesTheSameFile() throws IOException {
        ToolRunner r = Tcpdump.runner(dir);
        captureFlannelPing(r, LabWorlds.flannel(11), "tcpdump -i any -w a.pcap");
        captureFlannelPing(r, LabWorlds.flannel(11), "tcpdump -i any -w b.pcap");
        captureFlannelPing(r, LabWorlds.flannel(12), "tcpdump -i any -w c.pcap");
        byte[] a = Files.readAllBytes(dir.resolve("a.pcap"));
        assertThat(Files.readAllBytes(dir.resolve("b.pcap"))).isEqualTo(a);
        assertThat(Files.readAllBytes(dir.resolve("c.pcap"))).isNotEqualTo(a);
    }

    @Test
    void fileErrorsAreTcpdumps() throws IOException {
        ToolRunner r = Tcpdump.runner(dir);
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        Invocation missing = r.run(t.h1(), "tcpdump -r nofile.pcap");
        assertThat(missing.stderr()).isEqualTo("tcpdump: nofile.pcap: No such file or directory\n");
        assertThat(missing.exitCode()).isEqualTo(1);

        Files.writeString(dir.resolve("notes.txt"), "not a capture, just some notes");
        Invocation text = r.run(t.h1(), "tcpdump -r notes.txt");
        assertThat(text.stderr()).isEqualTo("tcpdump: unknown file format\n");
        assertThat(text.exitCode()).isEqualTo(1);

        Invocation nodir = r.run(t.h1(), "tcpdump -w nodir/x.pcap");
        assertThat(nodir.stderr()).isEqualTo("tcpdump: nodir/x.pcap: No such file or directory\n");
        assertThat(nodir.exitCode()).isEqualTo(1);

        Files.write(dir.resolve("ok.pcap"), Files.readAllBytes(writeOne(r)));
        Invocation badFilter = r.run(t.h1(), "tcpdump -r ok.pcap port");
        assertThat(badFilter.stderr()).isEqualTo("reading from file ok.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n"
            + "tcpdump: can't parse filter expression: syntax error\n");
        assertThat(badFilter.exitCode()).isEqualTo(1);
    }

    private Path writeOne(ToolRunner r) {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        Invocation w = r.start(t.h1(), "tcpdump -c 1 -w one.pcap");
        ping(t.h1(), "10.0.0.2", 1, 1);
        t.world().sim().runFor(SimTime.ms(1));
        assertThat(w.exitCode()).isZero();
        return dir.resolve("one.pcap");
    }

    @Test
    void wiresharkOpensWhatTcpdumpWrites() throws IOException {
        Tshark tshark = Tshark.require("tcpdump -w files in Wireshark");
        ToolRunner r = Tcpdump.runner(dir);
        LabWorlds.Flannel f = LabWorlds.flannel(5);
        captureFlannelPing(r, f, "tcpdump -i any -w any.pcap");
        List<List<String>> rows = tshark.fields(dir.resolve("any.pcap"), List.of("-d", "udp.port==8472,vxlan"),
            "sll.ifindex", "vxlan.vni", "icmp.type", "_ws.malformed");
        assertThat(rows).hasSize(14);
        assertThat(rows).allSatisfy(row -> assertThat(row.get(3)).isEmpty());
        assertThat(rows.stream().filter(row -> !row.get(1).isEmpty()).map(row -> row.get(0)))
            .containsOnly(String.valueOf(f.a().eth0().ifindex()));
        assertThat(rows.stream().filter(row -> !row.get(2).isEmpty())).hasSize(8);
    }
}
