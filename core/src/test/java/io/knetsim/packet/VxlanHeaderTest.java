package io.knetsim.packet;

import static io.knetsim.packet.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VxlanHeaderTest {
    @Test
    void flannelsVni100OnTheWire() {
        byte[] b = new byte[8];
        VxlanHeader.write(b, 0, 100);
        assertThat(b).isEqualTo(hex("08 00 00 00 00 00 64 00"));
        assertThat(VxlanHeader.vni(b, 0)).isEqualTo(100);
        assertThat(VxlanHeader.flags(b, 0)).isEqualTo(VxlanHeader.FLAG_I);
        assertThat(VxlanHeader.isValid(b, 0)).isTrue();
    }

    @Test
    void vniUsesAllTwentyFourBitsAndLeavesTheReservedByteAlone() {
        byte[] b = hex("08 00 00 00 00 00 00 00");
        VxlanHeader.setVni(b, 0, VxlanHeader.MAX_VNI);
        assertThat(b).isEqualTo(hex("08 00 00 00 ff ff ff 00"));
        assertThat(VxlanHeader.vni(b, 0)).isEqualTo(0xFFFFFF);
        assertThatThrownBy(() -> VxlanHeader.setVni(b, 0, 1 << 24)).hasMessageContaining("expected 0 to 16777215");
        assertThatThrownBy(() -> VxlanHeader.write(b, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutTheIFlagTheHeaderIsNotValid() {
        byte[] b = hex("00 00 00 00 00 00 64 00");
        assertThat(VxlanHeader.isValid(b, 0)).isFalse();
        VxlanHeader.Repr r = VxlanHeader.Repr.parse(b, 0);
        assertThat(r.isValid()).isFalse();
        assertThat(r.vni()).isEqualTo(100);
    }

    @Test
    void reprRoundTripsAtAnOffset() {
        byte[] b = new byte[12];
        assertThat(VxlanHeader.Repr.of(42).emit(b, 4)).isEqualTo(8);
        assertThat(VxlanHeader.Repr.parse(b, 4)).isEqualTo(new VxlanHeader.Repr(0x08, 42));
        assertThat(VxlanHeader.Repr.parse(b, 4).isValid()).isTrue();
    }

    @Test
    void truncatedInputIsAClearError() {
        assertThat(VxlanHeader.canParse(new byte[7], 0, 7)).isFalse();
        assertThat(VxlanHeader.canParse(new byte[10], 3, 7)).isFalse();
        assertThat(VxlanHeader.canParse(new byte[10], 2, 8)).isTrue();
        assertThat(VxlanHeader.canParse(new byte[10], 4, 8)).isFalse();
        assertThatThrownBy(() -> VxlanHeader.Repr.parse(new byte[12], 6))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("VXLAN header truncated: 6 bytes at offset 6, need 8");
        assertThatThrownBy(() -> VxlanHeader.Repr.parse(new byte[4], 9))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsAndOverhead() {
        assertThat(VxlanHeader.DEFAULT_PORT).isEqualTo(4789);
        assertThat(VxlanHeader.LINUX_FLANNEL_PORT).isEqualTo(8472);
        assertThat(VxlanHeader.ENCAP_OVERHEAD).isEqualTo(50);
        assertThat(VxlanHeader.LENGTH).isEqualTo(8);
    }
}
