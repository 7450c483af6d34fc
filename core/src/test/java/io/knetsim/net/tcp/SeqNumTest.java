package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Sequence numbers wrap at 2^32; comparisons and reassembly must not notice. */
class SeqNumTest {
    @Test
    void comparisonsWorkAcrossTheWrap() {
        int nearEnd = 0xFFFF_FFF0;
        int afterWrap = nearEnd + 0x20; // 0x00000010
        assertThat(afterWrap).isEqualTo(0x10);
        assertThat(SeqNum.lt(nearEnd, afterWrap)).isTrue();
        assertThat(SeqNum.gt(afterWrap, nearEnd)).isTrue();
        assertThat(SeqNum.le(nearEnd, nearEnd)).isTrue();
        assertThat(SeqNum.ge(afterWrap, nearEnd)).isTrue();
        assertThat(SeqNum.max(nearEnd, afterWrap)).isEqualTo(afterWrap);
    }

    @Test
    void reassemblyAcrossTheWrapDeliversInOrderOnce() {
        TcpReceiveQueue q = new TcpReceiveQueue();
        int start = 0xFFFF_FFF8;
        q.init(start);
        byte[] data = TcpLab.pattern(40, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TcpReceiveQueue.Sink sink = out::write;
        // segments [24,40) and [8,24) arrive before [0,16) (which overlaps the second), then a duplicate
        assertThat(q.receive(start + 24, data, 24, 16, sink)).isZero();
        assertThat(q.receive(start + 8, data, 8, 16, sink)).isZero();
        assertThat(q.outOfOrderBytes()).isEqualTo(32);
        assertThat(q.receive(start, data, 0, 16, sink)).isEqualTo(40);
        assertThat(q.receive(start + 8, data, 8, 16, sink)).isZero();
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(q.rcvNxt()).isEqualTo(start + 40).isEqualTo(0x20);
        assertThat(q.hasOutOfOrder()).isFalse();
    }
}
