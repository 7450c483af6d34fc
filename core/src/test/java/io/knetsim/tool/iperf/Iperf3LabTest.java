package io.knetsim.tool.iperf;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lab: measuring a link with iperf3.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 100 Mbit/s, 10 ms one way ==== [eth0] 10.0.0.2 server
 *   $ iperf3 -c 10.0.0.2                                         $ iperf3 -s -1
 * </pre>
 */
class Iperf3LabTest {
    static final LinkConfig LINK = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(100_000_000);

    /** The two-host world above, over {@code cfg}. */
    static final class Lab {
        final World world;
        final NetNamespace client;
        final NetNamespace server;
        final ToolRunner runner;

        Lab(LinkConfig cfg) {
            world = new World(7);
            client = world.createNamespace("client");
            server = world.createNamespace("server");
            cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"), cfg);
            ToolRegistry r = CoreTools.registry();
            Iperf3.registerAll(r);
            runner = new ToolRunner(r, Path.of("."));
        }

        /** Runs {@code iperf3 -s -1} in the background and {@code clientLine} in the foreground. */
        Invocation[] test(String clientLine) {
            Invocation s = runner.start(server, "iperf3 -s -1");
            Invocation c = runner.run(client, clientLine);
            runner.finish(s);
            return new Invocation[] {c, s};
        }
    }

    @Test
    void tcpOnACleanLinkReachesTheGoodputCeiling() {
        // 1448 payload bytes per 1538 bytes on the wire: at most 94.1 % of 100 Mbit/s.
        Invocation[] r = new Lab(LINK).test("iperf3 -c 10.0.0.2");
        assertThat(r[0].exitCode()).isZero();
        assertThat(r[0].stderr()).isEmpty();
        assertThat(r[0].stdout()).isEqualTo("""
            Connecting to host 10.0.0.2, port 5201
            [  5] local 10.0.0.1 port 37519 connected to 10.0.0.2 port 5201
            [ ID] Interval           Transfer     Bitrate         Retr  Cwnd
            [  5]   0.00-1.00   sec  11.3 MBytes  94.7 Mbits/sec    0   10.3 MBytes      \s
            [  5]   1.00-2.00   sec  11.2 MBytes  94.1 Mbits/sec    0   21.5 MBytes      \s
            [  5]   2.00-3.00   sec  11.2 MBytes  94.1 Mbits/sec    0   32.7 MBytes      \s
            [  5]   3.00-4.00   sec  11.2 MBytes  94.1 Mbits/sec    0   44.0 MBytes      \s
            [  5]   4.00-5.00   sec  11.2 MBytes  94.2 Mbits/sec    0   55.2 MBytes      \s
            [  5]   5.00-6.00   sec  11.2 MBytes  94.1 Mbits/sec    0   66.4 MBytes      \s
            [  5]   6.00-7.00   sec  11.2 MBytes  94.1 Mbits/sec    0   77.6 MBytes      \s
            [  5]   7.00-8.00   sec  11.2 MBytes  94.1 Mbits/sec    0   88.9 MBytes      \s
            [  5]   8.00-9.00   sec  11.2 MBytes  94.1 Mbits/sec    0    100 MBytes      \s
            [  5]   9.00-10.00  sec  11.2 MBytes  94.2 Mbits/sec    0    111 MBytes      \s
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Retr
            [  5]   0.00-10.00  sec   112 MBytes  94.2 Mbits/sec    0             sender
            [  5]   0.00-10.08  sec   112 MBytes  93.5 Mbits/sec                  receiver

            iperf Done.
            """);
        assertThat(r[1].exitCode()).isZero();
        assertThat(r[1].stdout()).isEqualTo("""
            -----------------------------------------------------------
            Server listening on 5201
            -----------------------------------------------------------
            Accepted connection from 10.0.0.1, port 37519
            [  5] local 10.0.0.2 port 5201 connected to 10.0.0.1 port 37519
            [ ID] Interval           Transfer     Bitrate
            [  5]   0.00-1.00   sec  10.5 MBytes  88.2 Mbits/sec                 \s
            [  5]   1.00-2.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   2.00-3.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   3.00-4.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   4.00-5.00   sec  11.2 MBytes  94.2 Mbits/sec                 \s
            [  5]   5.00-6.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   6.00-7.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   7.00-8.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   8.00-9.00   sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]   9.00-10.00  sec  11.2 MBytes  94.1 Mbits/sec                 \s
            [  5]  10.00-10.07  sec   795 KBytes  94.3 Mbits/sec                 \s
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Retr
            [  5]   0.00-10.07  sec   112 MBytes  93.6 Mbits/sec                  receiver
            """);
    }

    @Test
    void noDelayChangesNothingForFullSizeWrites() {
        // -N turns Nagle off; a bulk sender writes whole segments, which Nagle never holds
        String with = new Lab(LINK).test("iperf3 -c 10.0.0.2 -t 2 -N")[0].stdout();
        String without = new Lab(LINK).test("iperf3 -c 10.0.0.2 -t 2")[0].stdout();
        assertThat(with).contains("sender").isEqualTo(without);
    }

    @Test
    void onePercentLossCostsThroughputAndShowsRetransmits() {
        Invocation[] r = new Lab(LINK.withLoss(0.01)).test("iperf3 -c 10.0.0.2");
        assertThat(r[0].exitCode()).isZero();
        String sender = r[0].stdout().lines().filter(l -> l.endsWith("sender")).findFirst().orElseThrow();
        assertThat(sender).isEqualTo("[  5]   0.00-10.00  sec  8.91 MBytes  7.47 Mbits/sec   70             sender");
        String[] cols = sender.trim().split("\\s+");
        assertThat(Integer.parseInt(cols[8])).isPositive();
        assertThat(r[0].stdout()).contains(
            "[  5]   0.00-11.11  sec  8.91 MBytes  6.72 Mbits/sec                  receiver\n");
    }

    @Test
    void udpAtTenMbitOverACleanLinkLosesNothing() {
        Invocation[] r = new Lab(LINK).test("iperf3 -c 10.0.0.2 -u -b 10M -t 3");
        assertThat(r[0].exitCode()).isZero();
        assertThat(r[0].stdout()).isEqualTo("""
            Connecting to host 10.0.0.2, port 5201
            [  5] local 10.0.0.1 port 44786 connected to 10.0.0.2 port 5201
            [ ID] Interval           Transfer     Bitrate         Total Datagrams
            [  5]   0.00-1.00   sec  1.19 MBytes  10.0 Mbits/sec  857 \s
            [  5]   1.00-2.00   sec  1.19 MBytes  10.0 Mbits/sec  856 \s
            [  5]   2.00-3.00   sec  1.19 MBytes  10.0 Mbits/sec  856 \s
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams
            [  5]   0.00-3.00   sec  3.58 MBytes  10.0 Mbits/sec  0.000 ms  0/2569 (0%)  sender
            [  5]   0.00-3.01   sec  3.58 MBytes  9.97 Mbits/sec  0.000 ms  0/2569 (0%)  receiver

            iperf Done.
            """);
        // The receiver's intervals run from its first datagram, which waited one round trip for
        // ARP with 17 more behind it: hence 874 in its first second.
        assertThat(r[1].stdout()).isEqualTo("""
            -----------------------------------------------------------
            Server listening on 5201
            -----------------------------------------------------------
            Accepted connection from 10.0.0.1, port 44786
            [  5] local 10.0.0.2 port 5201 connected to 10.0.0.1 port 44786
            [ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams
            [  5]   0.00-1.00   sec  1.22 MBytes  10.2 Mbits/sec  0.000 ms  0/874 (0%) \s
            [  5]   1.00-2.00   sec  1.19 MBytes  10.0 Mbits/sec  0.000 ms  0/856 (0%) \s
            [  5]   2.00-3.00   sec  1.17 MBytes  9.80 Mbits/sec  0.000 ms  0/839 (0%) \s
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams
            [  5]   0.00-3.01   sec  3.58 MBytes  9.97 Mbits/sec  0.000 ms  0/2569 (0%)  receiver
            """);
        assertThat(r[1].exitCode()).isZero();
    }

    @Test
    void udpBeyondTheLinkRateLosesWhatTheQueueCannotHold() {
        Lab lab = new Lab(LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(5_000_000));
        Invocation[] r = lab.test("iperf3 -c 10.0.0.2 -u -b 10M -t 2 -i 0");
        String receiver = r[0].stdout().lines().filter(l -> l.endsWith("receiver")).findFirst().orElseThrow();
        // 10 Mbit/s offered into 5 Mbit/s: the NIC queue overflows and about 30 % is dropped;
        // the receiver gets what the link carries until its queue drains.
        assertThat(receiver)
            .isEqualTo("[  5]   0.00-3.00   sec  1.69 MBytes  4.74 Mbits/sec  1.274 ms  497/1713 (29%)  receiver");
        assertThat(r[0].stdout()).doesNotContain("0.00-1.00");
    }

    @Test
    void udpOverALossyLinkCountsTheMissingSequenceNumbers() {
        Invocation[] r = new Lab(LINK.withLoss(0.01)).test("iperf3 -c 10.0.0.2 -u -b 10M -t 2 -i 0 -l 1000");
        // -i 0: no interval reports, not even their header.
        assertThat(r[0].stdout()).isEqualTo("""
            Connecting to host 10.0.0.2, port 5201
            [  5] local 10.0.0.1 port 44786 connected to 10.0.0.2 port 5201
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams
            [  5]   0.00-2.00   sec  2.38 MBytes  10.0 Mbits/sec  0.000 ms  0/2500 (0%)  sender
            [  5]   0.00-2.01   sec  2.35 MBytes  9.82 Mbits/sec  0.000 ms  34/2500 (1.4%)  receiver

            iperf Done.
            """);
        // The server counts losses against the highest sequence number it saw, per interval too.
        assertThat(r[1].stdout()).endsWith("""
            [ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams
            [  5]   0.00-1.00   sec  1.20 MBytes  10.1 Mbits/sec  0.000 ms  17/1276 (1.3%) \s
            [  5]   1.00-2.00   sec  1.15 MBytes  9.66 Mbits/sec  0.000 ms  17/1224 (1.4%) \s
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams
            [  5]   0.00-2.01   sec  2.35 MBytes  9.82 Mbits/sec  0.000 ms  34/2500 (1.4%)  receiver
            """);
    }

    @Test
    void theSameWorldPrintsTheSameReport() {
        Invocation[] a = new Lab(LINK.withLoss(0.01)).test("iperf3 -c 10.0.0.2 -t 3 -i 0.5");
        Invocation[] b = new Lab(LINK.withLoss(0.01)).test("iperf3 -c 10.0.0.2 -t 3 -i 0.5");
        assertThat(a[0].stdout()).isEqualTo(b[0].stdout()).contains("[  5]   2.50-3.00   sec");
        assertThat(a[1].stdout()).isEqualTo(b[1].stdout());
    }

    @Test
    void stoppingTheServerMidTestEndsTheClientWithAnError() {
        Lab lab = new Lab(LINK);
        Invocation s = lab.runner.start(lab.server, "iperf3 -s");
        Invocation c = lab.runner.start(lab.client, "iperf3 -c 10.0.0.2 -t 5");
        lab.world.sim().runFor(2_500_000_000L);
        s.interrupt();
        lab.runner.finish(c);
        assertThat(s.exitCode()).isEqualTo(1);
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.stdout()).contains("[  5]   1.00-2.00   sec").doesNotContain("2.00-3.00");
        assertThat(c.stderr()).isEqualTo("iperf3: error - control socket has closed unexpectedly\n");
    }

    @Test
    void anInterruptedClientPrintsTotalsSoFar() {
        Lab lab = new Lab(LINK);
        Invocation s = lab.runner.start(lab.server, "iperf3 -s -1");
        Invocation c = lab.runner.start(lab.client, "iperf3 -c 10.0.0.2");
        lab.world.sim().runFor(1_500_000_000L);
        c.interrupt();
        // The handshake took one 20 ms round trip and more: the test clock started after it.
        assertThat(c.stdout()).isEqualTo("""
            Connecting to host 10.0.0.2, port 5201
            [  5] local 10.0.0.1 port 37519 connected to 10.0.0.2 port 5201
            [ ID] Interval           Transfer     Bitrate         Retr  Cwnd
            [  5]   0.00-1.00   sec  11.3 MBytes  94.7 Mbits/sec    0   10.3 MBytes      \s
            [  5]   1.00-1.46   sec  5.16 MBytes  94.1 Mbits/sec    0   15.5 MBytes      \s
            - - - - - - - - - - - - - - - - - - - - - - - - -
            [ ID] Interval           Transfer     Bitrate         Retr
            [  5]   0.00-1.46   sec  16.4 MBytes  94.5 Mbits/sec    0             sender
            [  5]   0.00-1.46   sec  0.00 Bytes  0.00 bits/sec                  receiver
            """);
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.stderr()).isEqualTo("iperf3: interrupt - the client has terminated\n");
    }

    @Test
    void noServerMeansConnectionRefused() {
        Lab lab = new Lab(LINK);
        Invocation c = lab.runner.run(lab.client, "iperf3 -c 10.0.0.2 -p 5999");
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.stdout()).isEqualTo("Connecting to host 10.0.0.2, port 5999\n");
        assertThat(c.stderr()).isEqualTo("iperf3: error - unable to connect to server: Connection refused\n");
    }

    @Test
    void badArgumentsGetIperf3sMessagesAndExit1() {
        Lab lab = new Lab(LINK);
        String usage = "Usage: iperf3 [-s|-c host] [options]\n"
            + "       iperf3 [-h|--help] [-v|--version]\n\n"
            + "Try `iperf3 --help' for more information.\n";
        Invocation none = lab.runner.run(lab.client, "iperf3");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).isEqualTo(
            "iperf3: parameter error - must either be a client (-c) or server (-s)\n\n" + usage);
        Invocation both = lab.runner.run(lab.client, "iperf3 -s -c 10.0.0.2");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stderr()).startsWith("iperf3: parameter error - cannot be both server and client\n");
        Invocation bad = lab.runner.run(lab.client, "iperf3 -x");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("iperf3: invalid option -- 'x'\n" + usage);
        Invocation missing = lab.runner.run(lab.client, "iperf3 -c");
        assertThat(missing.stderr()).isEqualTo("iperf3: option requires an argument -- 'c'\n" + usage);
        assertThat(lab.runner.run(lab.client, "iperf3 -c 10.0.0.2 -p 70000").stderr())
            .startsWith("iperf3: parameter error - bad port number\n");
        assertThat(lab.runner.run(lab.client, "iperf3 -c 10.0.0.2 -1").stderr())
            .startsWith("iperf3: parameter error - some option you are trying to set is server only\n");
        assertThat(lab.runner.run(lab.server, "iperf3 -s -u").stderr())
            .startsWith("iperf3: parameter error - some option you are trying to set is client only\n");
    }

    @Test
    void aServerWithoutDashOneServesTestAfterTest() {
        Lab lab = new Lab(LINK);
        Invocation s = lab.runner.start(lab.server, "iperf3 -s");
        assertThat(lab.runner.run(lab.client, "iperf3 -c 10.0.0.2 -t 1").exitCode()).isZero();
        assertThat(lab.runner.run(lab.client, "iperf3 -c 10.0.0.2 -t 1 -u").exitCode()).isZero();
        assertThat(lab.runner.run(lab.client, "iperf3 -c 10.0.0.2 -t 1 -u").stdout())
            .contains("  0/86 (0%)  receiver");
        assertThat(s.finished()).isFalse();
        assertThat(s.stdout().split("Server listening on 5201", -1)).hasSize(5);
        s.interrupt();
        assertThat(s.stdout()).doesNotContain("interrupt");
        assertThat(s.stderr()).isEqualTo("iperf3: interrupt - the server has terminated\n");
        assertThat(s.exitCode()).isEqualTo(1);
    }
}
