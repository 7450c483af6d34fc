package io.knetsim.packet;

import static io.knetsim.packet.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.packet.TcpHeader.Options;
import io.knetsim.packet.TcpHeader.Repr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCP view: fields, Linux's option layouts, tcpdump's flag letters, checksum. */
class TcpHeaderTest {
    static final int CLIENT = 0x0B0A0002; // 11.10.0.2, a pod
    static final int SERVER = 0x0B0B0003; // 11.11.0.3

    @Test
    void linuxSynOptionsAreMssSackOkTsNopWscale() {
        byte[] b = new byte[20];
        int n = Options.syn(1460, 7, 0x01020304L, 0).emit(b, 0);
        assertThat(n).isEqualTo(20);
        assertThat(b).isEqualTo(hex("02 04 05 b4 04 02 08 0a 01 02 03 04 00 00 00 00 01 03 03 07"));
    }

    @Test
    void linuxDataSegmentOptionsAreNopNopTs() {
        byte[] b = new byte[12];
        int n = Options.timestamps(0xfffffffeL, 0x0a0b0c0dL).emit(b, 0);
        assertThat(n).isEqualTo(12);
        assertThat(b).isEqualTo(hex("01 01 08 0a ff ff ff fe 0a 0b 0c 0d"));
    }

    @Test
    void otherCombinationsFollowTcpOptionsWrite() {
        assertThat(emit(new Options(1460, -1, false, 0, 0, false, List.of()))).isEqualTo(hex("02 04 05 b4"));
        assertThat(emit(new Options(-1, -1, true, 0, 0, false, List.of()))).isEqualTo(hex("01 01 04 02"));
        assertThat(emit(new Options(1400, 9, true, 0, 0, false, List.of())))
            .isEqualTo(hex("02 04 05 78 01 01 04 02 01 03 03 09"));
        assertThat(emit(Options.timestamps(1, 2).withSack(TcpHeader.sack(100, 200, 300, 400))))
            .isEqualTo(hex("01 01 08 0a 00 00 00 01 00 00 00 02 01 01 05 12"
                + " 00 00 00 64 00 00 00 c8 00 00 01 2c 00 00 01 90"));
        assertThat(emit(Options.NONE)).isEmpty();
    }

    @Test
    void optionsThatDoNotFitAreRejected() {
        Options tooMany = Options.timestamps(1, 2).withSack(TcpHeader.sack(1, 2, 3, 4, 5, 6, 7, 8));
        assertThat(tooMany.length()).isEqualTo(48);
        assertThatThrownBy(() -> tooMany.emit(new byte[64], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 48 bytes");
        assertThatThrownBy(() -> new Options(70000, -1, false, 0, 0, false, List.of()))
            .hasMessageContaining("MSS 70000");
        assertThatThrownBy(() -> new Options(-1, -1, false, 5, 0, false, List.of()))
            .hasMessageContaining("without the timestamps option");
        assertThatThrownBy(() -> Options.timestamps(1L << 32, 0)).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> TcpHeader.sack(1, 2, 3)).hasMessageContaining("pairs");
    }

    @Test
    void synRoundTripsByteForByte() {
        Repr syn = new Repr(43512, 8000, 0xDEADBEEF, 0, TcpHeader.SYN, 64240, 0,
            Options.syn(1460, 7, 123456789L, 0));
        assertThat(syn.headerLength()).isEqualTo(40);
        byte[] b = new byte[40];
        assertThat(syn.emit(b, 0)).isEqualTo(40);

        assertThat(TcpHeader.srcPort(b, 0)).isEqualTo(43512);
        assertThat(TcpHeader.dstPort(b, 0)).isEqualTo(8000);
        assertThat(Integer.toUnsignedLong(TcpHeader.seq(b, 0))).isEqualTo(0xDEADBEEFL);
        assertThat(TcpHeader.dataOffset(b, 0)).isEqualTo(10);
        assertThat(TcpHeader.flags(b, 0)).isEqualTo(TcpHeader.SYN);
        assertThat(TcpHeader.window(b, 0)).isEqualTo(64240);
        assertThat(TcpHeader.validate(b, 0, 40)).isNull();

        Repr back = Repr.parse(b, 0);
        assertThat(back).isEqualTo(syn);
        byte[] again = new byte[40];
        back.emit(again, 0);
        assertThat(again).isEqualTo(b);
    }

    @Test
    void parsesOptionsInAnyOrderSkipsUnknownKindsAndStopsAtEol() {
        // mss, nop, wscale 8, nop, nop, sackOK, an unknown kind 34 (TFO cookie) of 6 bytes, EOL, junk
        byte[] opts = hex("02 04 05 b4 01 03 03 08 01 01 04 02 22 06 aa bb cc dd 00 ff");
        Options o = Options.parse(opts, 0, opts.length);
        assertThat(o.mss()).isEqualTo(1460);
        assertThat(o.windowScale()).isEqualTo(8);
        assertThat(o.sackPermitted()).isTrue();
        assertThat(o.timestamps()).isFalse();
        assertThat(o.sackBlocks()).isEmpty();

        Options sack = Options.parse(hex("01 01 05 0a ff ff ff ff 00 00 00 10"), 0, 12);
        assertThat(sack.sackBlocks()).containsExactly(new TcpHeader.SackBlock(-1, 16));
    }

    @Test
    void longerHeaderIsPaddedWithEolAndKeepsItsLength() {
        Repr r = new Repr(1, 2, 3, 4, TcpHeader.ACK, 5, 0, Options.timestamps(7, 8), 44);
        byte[] b = new byte[44];
        java.util.Arrays.fill(b, (byte) 0x55);
        r.emit(b, 0);
        assertThat(b).endsWith(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(Repr.parse(b, 0)).isEqualTo(r);
        Repr tooShort = new Repr(1, 2, 3, 4, 0, 5, 0, Options.timestamps(7, 8), 24);
        assertThat(tooShort.emit(new byte[60], 0)).isEqualTo(32);
        assertThatThrownBy(() -> new Repr(1, 2, 3, 4, 0, 5, 0, Options.NONE, 22))
            .hasMessageContaining("expected a multiple of 4 from 20 to 60");
    }

    @Test
    void aTighterLayoutThanLinuxsParsesAndReEmitsInLinuxsLayout() {
        // sack with 3 blocks (26 bytes) + TS (10) = 36 option bytes; Linux would use 28 + 12 = 40.
        byte[] b = new byte[56];
        TcpHeader.write(b, 0, 1, 2, 3, 4, 56, TcpHeader.ACK, 5, 0);
        System.arraycopy(hex("05 1a 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05 00 00 00 06"
            + " 08 0a 00 00 00 07 00 00 00 08"), 0, b, 20, 36);
        assertThat(TcpHeader.validate(b, 0, 56)).isNull();

        Repr r = Repr.parse(b, 0);
        assertThat(r.headerLength()).isEqualTo(56);
        assertThat(r.options().sackBlocks()).hasSize(3);
        assertThat(r.options().tsVal()).isEqualTo(7);
        assertThat(r.emit(new byte[60], 0)).isEqualTo(60);

        // 4 blocks + wscale + sackOK fit in 40 bytes on the wire but not in Linux's layout (44).
        byte[] c = new byte[60];
        TcpHeader.write(c, 0, 1, 2, 3, 4, 60, TcpHeader.ACK, 5, 0);
        System.arraycopy(hex("05 22 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05 00 00 00 06"
            + " 00 00 00 07 00 00 00 08 03 03 07 04 02 00"), 0, c, 20, 40);
        Repr tight = Repr.parse(c, 0);
        assertThat(tight.options().windowScale()).isEqualTo(7);
        assertThatThrownBy(() -> tight.emit(new byte[80], 0)).hasMessageContaining("need 44 bytes");
    }

    @Test
    void settersAndAccessorsAgree() {
        byte[] b = new byte[20];
        TcpHeader.write(b, 0, 80, 43512, -2, 0x80000000, 20, TcpHeader.PSH | TcpHeader.ACK, 502, 0);
        TcpHeader.setUrgentPointer(b, 0, 9);
        TcpHeader.setFlags(b, 0, TcpHeader.hasFlags(b, 0, TcpHeader.PSH | TcpHeader.ACK) ? 0xff : 0);
        TcpHeader.setSeq(b, 0, TcpHeader.seq(b, 0) + 3); // wraps past 2^32 like sequence space
        TcpHeader.setAck(b, 0, 1);
        TcpHeader.setWindow(b, 0, 65535);
        TcpHeader.setSrcPort(b, 0, 65535);
        TcpHeader.setDstPort(b, 0, 1);

        assertThat(TcpHeader.seq(b, 0)).isEqualTo(1);
        assertThat(TcpHeader.ack(b, 0)).isEqualTo(1);
        assertThat(TcpHeader.flags(b, 0)).isEqualTo(0xff);
        assertThat(TcpHeader.window(b, 0)).isEqualTo(65535);
        assertThat(TcpHeader.urgentPointer(b, 0)).isEqualTo(9);
        assertThat(TcpHeader.srcPort(b, 0)).isEqualTo(65535);
        assertThat(TcpHeader.dstPort(b, 0)).isEqualTo(1);
        assertThat(TcpHeader.headerLength(b, 0)).isEqualTo(20);
        assertThatThrownBy(() -> TcpHeader.setHeaderLength(b, 0, 22)).hasMessageContaining("multiple of 4");
    }

    @Test
    void flagsPrintAsTcpdumpDoes() {
        assertThat(TcpHeader.flagsString(0)).isEqualTo("none");
        assertThat(TcpHeader.flagsString(TcpHeader.SYN)).isEqualTo("S");
        assertThat(TcpHeader.flagsString(TcpHeader.SYN | TcpHeader.ACK)).isEqualTo("S.");
        assertThat(TcpHeader.flagsString(TcpHeader.ACK)).isEqualTo(".");
        assertThat(TcpHeader.flagsString(TcpHeader.PSH | TcpHeader.ACK)).isEqualTo("P.");
        assertThat(TcpHeader.flagsString(TcpHeader.FIN | TcpHeader.ACK)).isEqualTo("F.");
        assertThat(TcpHeader.flagsString(TcpHeader.FIN | TcpHeader.PSH | TcpHeader.ACK)).isEqualTo("FP.");
        assertThat(TcpHeader.flagsString(TcpHeader.RST)).isEqualTo("R");
        assertThat(TcpHeader.flagsString(TcpHeader.RST | TcpHeader.ACK)).isEqualTo("R.");
        assertThat(TcpHeader.flagsString(TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR)).isEqualTo("SEW");
        assertThat(TcpHeader.flagsString(TcpHeader.SYN | TcpHeader.ACK | TcpHeader.ECE)).isEqualTo("S.E");
        assertThat(TcpHeader.flagsString(TcpHeader.URG | TcpHeader.ACK)).isEqualTo(".U");
        assertThat(TcpHeader.flagsString(0xff)).isEqualTo("FSRP.UEW");
    }

    @Test
    void checksumCoversPseudoHeaderHeaderAndPayload() {
        byte[] seg = new byte[20 + 12 + 5];
        int hl = new Repr(43512, 80, 1000, 2000, TcpHeader.PSH | TcpHeader.ACK, 502, 0,
            Options.timestamps(10, 20)).emit(seg, 0);
        System.arraycopy("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, seg, hl, 5);
        TcpHeader.fillChecksum(seg, 0, seg.length, CLIENT, SERVER);

        assertThat(TcpHeader.checksum(seg, 0)).isNotZero();
        assertThat(TcpHeader.checksumValid(seg, 0, seg.length, CLIENT, SERVER)).isTrue();
        assertThat(TcpHeader.checksumValid(seg, 0, seg.length, CLIENT, SERVER + 1)).isFalse();
        seg[seg.length - 1] ^= 1;
        assertThat(TcpHeader.checksumValid(seg, 0, seg.length, CLIENT, SERVER)).isFalse();
    }

    @Test
    void sequenceLengthCountsSynAndFin() {
        Repr synFin = new Repr(1, 2, 0, 0, TcpHeader.SYN | TcpHeader.FIN, 0, 0, Options.NONE);
        assertThat(synFin.sequenceLength(10)).isEqualTo(12);
        assertThat(synFin.has(TcpHeader.SYN)).isTrue();
        assertThat(synFin.has(TcpHeader.ACK)).isFalse();
        assertThatThrownBy(() -> new Repr(70000, 2, 0, 0, 0, 0, 0, Options.NONE))
            .hasMessageContaining("source port 70000");
        assertThatThrownBy(() -> new Repr(1, 2, 0, 0, 0x100, 0, 0, Options.NONE)).hasMessageContaining("flags");
    }

    private static byte[] emit(Options o) {
        byte[] b = new byte[o.length()];
        assertThat(o.emit(b, 0)).isEqualTo(b.length);
        return b;
    }
}
