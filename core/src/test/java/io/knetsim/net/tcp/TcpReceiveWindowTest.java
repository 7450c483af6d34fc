package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@code __tcp_select_window} and {@code tcp_select_window} on a 1 MiB
 * buffer with window scale 7 (128-byte units), MSS 1448.
 *
 * <pre>
 *   free &gt;= 512 KiB : min(free, rcv_ssthresh), rounded up to 128
 *   free &lt;  512 KiB : free rounded down to 128; 0 below 64 KiB or one MSS
 *   never less than what is left of the window already offered
 * </pre>
 */
class TcpReceiveWindowTest {
    private static final int MSS = 1448;
    private static final long BUF = TcpSocket.RECEIVE_BUFFER;

    @Test
    void afterTheHandshakeTheWindowIsTheInitialOneRoundedUpToTheScale() {
        TcpReceiveWindow w = new TcpReceiveWindow(BUF);
        w.init(64240, 7, 1000);
        assertThat(w.select(1000, 0, MSS)).isEqualTo(502); // 64256 / 128
        assertThat(w.offered()).isEqualTo(64256);
        w.grow(10_000, 0);
        assertThat(w.select(1000, 0, MSS)).isEqualTo((64240 + 20_000 + 127) / 128);
    }

    @Test
    void aFillingBufferClosesTheWindowWithoutMovingItsRightEdgeLeft() {
        TcpReceiveWindow w = new TcpReceiveWindow(BUF);
        w.init(BUF, 7, 0);
        assertThat(w.select(0, 0, MSS)).isEqualTo(8192);
        // 700 000 bytes arrive unread: 348 576 free (under half), rounded down to 128 = 348 544,
        // but 348 576 of the offered window are left, so that, rounded up to 348 672, is offered
        assertThat(w.fresh(700_000, MSS)).isEqualTo(348_544);
        assertThat(w.select(700_000, 700_000, MSS)).isEqualTo(348_672 / 128);
        // right edge 1 048 672. Under 64 KiB free the fresh window is 0, yet the offer stands
        assertThat(w.fresh(1_000_000, MSS)).isZero();
        assertThat(w.select(1_000_000, 1_000_000, MSS)).isEqualTo(381); // 48 672 left, rounded up
        assertThat(w.select(1_048_768, 1_048_768, MSS)).isZero();
        assertThat(w.current(1_048_768)).isZero();
        // a zero window accepts nothing but an empty segment at RCV.NXT
        assertThat(w.acceptable(1_048_768, 1, 1_048_768)).isFalse();
        assertThat(w.acceptable(1_048_768, 0, 1_048_768)).isTrue();
        assertThat(w.acceptable(1_048_767, 0, 1_048_768)).isFalse(); // a probe at SND.UNA - 1
    }

    @Test
    void withoutScalingTheWindowIsAMultipleOfTheMss() {
        TcpReceiveWindow w = new TcpReceiveWindow(BUF);
        w.init(65160, 0, 0);
        assertThat(w.fresh(0, MSS)).isEqualTo(65160); // within one MSS of the free space: kept
        w.grow(300_000, 0);
        assertThat(w.fresh(600_000, MSS)).isEqualTo(448_576 / MSS * MSS);
        assertThat(w.select(600_000, 600_000, MSS)).isEqualTo(0xffff); // 16 bits at most
    }
}
