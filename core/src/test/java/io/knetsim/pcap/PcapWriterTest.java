package io.knetsim.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcap file format, byte by byte.
 *
 * <pre>
 *   [24-byte global header][16-byte record header][frame][16-byte record header][frame]...
 * </pre>
 */
class PcapWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void globalHeaderIsNanosecondLittleEndianVersion24WithTcpdumpsSnaplen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, LinkType.ETHERNET).close();
        assertThat(HEX.formatHex(out.toByteArray()))
            .isEqualTo("4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "01000000");
    }

    @Test
    void cookedCapturesSayLinuxSllInTheHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, LinkType.LINUX_SLL).close();
        assertThat(HEX.formatHex(out.toByteArray(), 20, 24)).isEqualTo("71000000"); // 113
        out.reset();
        new PcapWriter(out, LinkType.LINUX_SLL2).close();
        assertThat(HEX.formatHex(out.toByteArray(), 20, 24)).isEqualTo("14010000"); // 276
    }

    @Test
    void recordHeaderCarriesSecondsNanosecondsAndBothLengths() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET)) {
            w.write(3_000_000_050L, new byte[] {1, 2, 3});
            assertThat(w.records()).isEqualTo(1);
        }
        byte[] f = out.toByteArray();
        assertThat(f).hasSize(24 + 16 + 3);
        assertThat(HEX.formatHex(f, 24, f.length))
            .isEqualTo("03000000" + "32000000" + "03000000" + "03000000" + "010203");
    }

    @Test
    void microsecondFilesUseTheOtherMagicAndTruncateTheFraction() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535, PcapWriter.Precision.MICRO)) {
            w.write(1_000_001_999L, new byte[] {9});
        }
        byte[] f = out.toByteArray();
        assertThat(HEX.formatHex(f, 0, 4)).isEqualTo("d4c3b2a1");
        assertThat(HEX.formatHex(f, 16, 20)).isEqualTo("ffff0000");
        assertThat(HEX.formatHex(f, 24, 32)).isEqualTo("01000000" + "01000000"); // 1 s, 1 us
    }

    @Test
    void bytesBeyondTheSnapshotLengthAreCutButTheOriginalLengthIsKept() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 4, PcapWriter.Precision.NANO)) {
            w.write(0, new byte[] {1, 2, 3, 4, 5, 6});
        }
        List<PcapRecord> rs = PcapReader.readAll(out.toByteArray());
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).data()).containsExactly(1, 2, 3, 4);
        assertThat(rs.get(0).originalLength()).isEqualTo(6);
    }

    @Test
    void writerAndReaderRoundTripThroughAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.pcap");
        try (PcapWriter w = PcapWriter.create(file, LinkType.LINUX_SLL2)) {
            w.write(0, new byte[] {1});
            w.write(1_500_000_000L, new byte[] {2, 3});
            w.write(new PcapRecord(7_000_000_001L, 10, new byte[] {4, 5, 6}));
        }
        try (PcapReader r = PcapReader.open(file)) {
            assertThat(r.linkType()).isEqualTo(LinkType.LINUX_SLL2);
            assertThat(r.nanosecondResolution()).isTrue();
            assertThat(r.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(r.snaplen()).isEqualTo(262144);
            assertThat(r.versionMajor()).isEqualTo(2);
            assertThat(r.versionMinor()).isEqualTo(4);
            List<PcapRecord> rs = r.readAll();
            assertThat(rs).extracting(PcapRecord::timestampNanos).containsExactly(0L, 1_500_000_000L, 7_000_000_001L);
            assertThat(rs).extracting(PcapRecord::originalLength).containsExactly(1, 2, 10);
            assertThat(rs.get(1).data()).containsExactly(2, 3);
        }
    }

    @Test
    void readerTakesBigEndianMicrosecondFilesToo() throws IOException {
        byte[] f = HEX.parseHex("a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "00000001"
            + "00000002" + "000003e8" + "00000002" + "0000003c" + "abcd");
        try (PcapReader r = new PcapReader(new java.io.ByteArrayInputStream(f))) {
            assertThat(r.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(r.nanosecondResolution()).isFalse();
            assertThat(r.linkType()).isEqualTo(LinkType.ETHERNET);
            PcapRecord rec = r.next();
            assertThat(rec.timestampNanos()).isEqualTo(2_001_000_000L);
            assertThat(rec.originalLength()).isEqualTo(60);
            assertThat(rec.data()).containsExactly(0xab, 0xcd);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void readerErrorsUseLibpcapsWords(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> PcapReader.readAll("hello, this is not a capture".getBytes()))
            .isInstanceOf(PcapFormatException.class).hasMessage("unknown file format");
        assertThatThrownBy(() -> PcapReader.readAll(HEX.parseHex("4d3cb2a10200")))
            .hasMessage("truncated dump file; tried to read 24 file header bytes, only got 6");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET)) {
            w.write(0, new byte[] {1, 2, 3, 4});
        }
        byte[] whole = out.toByteArray();
        assertThatThrownBy(() -> PcapReader.readAll(java.util.Arrays.copyOf(whole, whole.length - 1)))
            .hasMessage("truncated dump file; tried to read 4 captured bytes, only got 3");
        assertThatThrownBy(() -> PcapReader.readAll(java.util.Arrays.copyOf(whole, 30)))
            .hasMessage("truncated dump file; tried to read 16 header bytes, only got 6");
        Path ng = dir.resolve("x.pcapng");
        Files.write(ng, HEX.parseHex("0a0d0d0a000000000000000000000000000000000000000000"));
        assertThatThrownBy(() -> PcapReader.readAll(ng)).hasMessageContaining("pcapng");
    }

    @Test
    void closedWritersRefuseRecords() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), LinkType.ETHERNET);
        w.close();
        assertThatThrownBy(() -> w.write(0, new byte[1])).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new PcapWriter(new ByteArrayOutputStream(), LinkType.ETHERNET, 0,
            PcapWriter.Precision.NANO)).isInstanceOf(IllegalArgumentException.class);
    }
}
