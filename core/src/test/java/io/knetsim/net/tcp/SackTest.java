package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.TcpHeader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lab: selective acknowledgments (RFC 2018). The receiver reports the blocks it holds beyond
 * a hole; the sender keeps them on a scoreboard and resends only the holes.
 *
 * <pre>
 *   sent:      [0,10) [10,20) [20,30) [30,40) [40,50)
 *   received:  [0,10)   lost  [20,30)   lost  [40,50)
 *   ACK 10, SACK [40,50) [20,30)      scoreboard holes: [10,20), [30,40)
 * </pre>
 */
class SackTest {
    @Test
    void theReceiverReportsTheMostRecentBlockFirst() {
        TcpReceiveQueue q = new TcpReceiveQueue();
        q.init(1000);
        byte[] d = new byte[50];
        TcpReceiveQueue.Sink sink = (b, o, n) -> { };
        q.receive(1000, d, 0, 10, sink);
        q.receive(1040, d, 40, 10, sink);
        q.receive(1020, d, 20, 10, sink);
        assertThat(q.sackBlocks(3)).containsExactly(new TcpHeader.SackBlock(1020, 1030),
            new TcpHeader.SackBlock(1040, 1050));
        q.receive(1030, d, 30, 10, sink); // fills [30,40): the blocks merge
        assertThat(q.sackBlocks(3)).containsExactly(new TcpHeader.SackBlock(1020, 1050));
        assertThat(q.sackBlocks(0)).isEmpty();
    }

    @Test
    void theScoreboardMergesBlocksAndFindsHoles() {
        SackScoreboard sb = new SackScoreboard();
        int una = -5; // just below the wrap
        sb.add(una + 40, una + 50, una, una + 50);
        sb.add(una + 20, una + 30, una, una + 50);
        sb.add(una + 60, una + 70, una, una + 50); // beyond what was sent: ignored
        sb.add(una - 10, una, una, una + 50); // stale: ignored
        assertThat(sb.findHole(una + 10)).isTrue();
        assertThat(sb.holeStart()).isEqualTo(una + 10);
        assertThat(sb.holeEnd()).isEqualTo(una + 20);
        assertThat(sb.findHole(una + 20)).isTrue();
        assertThat(sb.holeStart()).isEqualTo(una + 30);
        assertThat(sb.holeEnd()).isEqualTo(una + 40);
        assertThat(sb.findHole(una + 45)).isFalse();
        sb.add(una + 30, una + 40, una, una + 50);
        assertThat(sb.ranges()).hasSize(1);
        sb.ackedTo(una + 50);
        assertThat(sb.isEmpty()).isTrue();
    }

    @Test
    void aLossyTransferCarriesSackBlocksAndStillDeliversEverything() {
        TcpLab lab = new TcpLab(4, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(100_000_000)
            .withLoss(0.05)).tap();
        TcpLab.Recorder srv = new TcpLab.Recorder(lab.world);
        Tcp.listen(lab.server, 5001, 16, s -> srv);
        byte[] payload = TcpLab.pattern(1 << 20, 4);
        Tcp.connect(lab.client, SERVER, 5001, new TcpLab.Sender(lab.world, payload, true));
        lab.runSeconds(60);
        assertThat(srv.data.toByteArray()).isEqualTo(payload);
        long sackAcks = lab.wire.stream().filter(s -> !s.fromClient() && !s.h().options().sackBlocks().isEmpty())
            .count();
        assertThat(sackAcks).isPositive();
        assertThat(lab.wire.stream().allMatch(s -> s.h().options().sackBlocks().size() <= 3)).isTrue();
    }
}
