package io.knetsim.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The carrier's headroom at work.
 *
 * <pre>
 *   [ headroom | payload ]  push(8) -> [ headroom' | UDP | payload ]  pull(8) -> back again
 * </pre>
 */
class SkBuffTest {
    @Test
    void pushPullPutAndTrimMoveTheEdges() {
        SkBuff skb = SkBuff.allocate(32, 16);
        int at = skb.put(4);
        assertThat(at).isEqualTo(32);
        System.arraycopy(new byte[] {1, 2, 3, 4}, 0, skb.buf(), at, 4);
        assertThat(skb.len()).isEqualTo(4);

        int hdr = skb.push(8);
        assertThat(hdr).isEqualTo(24);
        assertThat(skb.headroom()).isEqualTo(24);
        assertThat(skb.len()).isEqualTo(12);

        assertThat(skb.pull(8)).isEqualTo(32);
        assertThat(skb.toByteArray()).containsExactly(1, 2, 3, 4);

        skb.trim(2);
        assertThat(skb.toByteArray()).containsExactly(1, 2);
        assertThat(skb.tail()).isEqualTo(34);

        skb.resetData(24);
        assertThat(skb.len()).isEqualTo(10);
    }

    @Test
    void misuseIsRejectedWithTheSizesInvolved() {
        SkBuff skb = SkBuff.of(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> skb.pull(4)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("pull 4 from a 3-byte packet");
        assertThatThrownBy(() -> skb.trim(5)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("trim to 5 of a 3-byte packet");
        assertThatThrownBy(() -> skb.resetData(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> skb.resetData(skb.tail() + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pushBeyondTheHeadroomGrowsAndKeepsBytesAndHeaderOffsets() {
        SkBuff skb = SkBuff.allocate(4, 8);
        int p = skb.put(8);
        for (int i = 0; i < 8; i++) {
            skb.buf()[p + i] = (byte) (i + 1);
        }
        skb.networkHeader = skb.data();
        skb.transportHeader = skb.data() + 4;
        byte firstTransportByte = skb.buf()[skb.transportHeader];

        int mac = skb.push(14);
        skb.macHeader = mac;
        for (int i = 0; i < 14; i++) {
            skb.buf()[mac + i] = (byte) 0xee;
        }
        int outer = skb.push(50);

        assertThat(skb.headroom()).isEqualTo(outer).isGreaterThanOrEqualTo(0);
        assertThat(skb.len()).isEqualTo(50 + 14 + 8);
        assertThat(skb.buf()[skb.macHeader]).isEqualTo((byte) 0xee);
        assertThat(skb.buf()[skb.networkHeader]).isEqualTo((byte) 1);
        assertThat(skb.buf()[skb.transportHeader]).isEqualTo(firstTransportByte);
        assertThat(skb.networkHeader - skb.macHeader).isEqualTo(14);
        byte[] all = skb.toByteArray();
        assertThat(all[50 + 14 + 7]).isEqualTo((byte) 8);
    }

    @Test
    void putBeyondTheTailroomGrows() {
        SkBuff skb = SkBuff.allocate(0, 2);
        skb.putBytes(new byte[] {9, 8}, 0, 2);
        skb.putBytes(new byte[] {7, 6, 5, 4, 3}, 1, 3);
        assertThat(skb.toByteArray()).containsExactly(9, 8, 6, 5, 4);
    }

    @Test
    void copyIsDeepForBytesAndCarriesMetadata() {
        SkBuff skb = SkBuff.of(new byte[] {1, 2, 3, 4}, 1, 3);
        skb.networkHeader = skb.data();
        skb.mark = 0x4000;
        skb.iif = 3;
        skb.hops = 2;
        skb.pktType = SkBuff.PktType.BROADCAST;

        SkBuff c = skb.copy();
        c.buf()[c.data()] = 42;
        c.pull(1);
        c.mark = 1;

        assertThat(skb.toByteArray()).containsExactly(2, 3, 4);
        assertThat(skb.len()).isEqualTo(3);
        assertThat(skb.mark).isEqualTo(0x4000);
        assertThat(c.toByteArray()).containsExactly(3, 4);
        assertThat(c.networkHeader).isEqualTo(skb.networkHeader);
        assertThat(c.iif).isEqualTo(3);
        assertThat(c.hops).isEqualTo(2);
        assertThat(c.pktType).isEqualTo(SkBuff.PktType.BROADCAST);
        assertThat(c.buf()).isNotSameAs(skb.buf());
    }
}
