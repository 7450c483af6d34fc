package io.knetsim.pcap;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic libpcap file: either byte order, microsecond ({@code 0xa1b2c3d4}) or
 * nanosecond ({@code 0xa1b23c4d}) timestamps. Timestamps come back in nanoseconds either way.
 * Errors use libpcap's wording ({@code unknown file format}, {@code truncated dump file; ...}).
 */
public final class PcapReader implements Closeable {
    /** The largest capture length accepted in a record, as libpcap's {@code max_snaplen_for_dlt}. */
    public static final int MAX_RECORD_LENGTH = PcapWriter.DEFAULT_SNAPLEN;
    private static final int PCAPNG_MAGIC = 0x0A0D0D0A;

    private final InputStream in;
    private final boolean littleEndian;
    private final boolean nanos;
    private final int versionMajor;
    private final int versionMinor;
    private final int snaplen;
    private final int linkTypeCode;
    private final byte[] rh = new byte[PcapWriter.RECORD_HEADER_LENGTH];

    /** Reads the file header; the stream is positioned at the first record. */
    public PcapReader(InputStream in) throws IOException {
        this.in = in;
        byte[] h = new byte[PcapWriter.FILE_HEADER_LENGTH];
        int n = readFully(h, 0, h.length);
        if (n < 4) {
            throw new PcapFormatException("truncated dump file; tried to read 4 file header bytes, only got " + n);
        }
        int be = be32(h, 0);
        int le = le32(h, 0);
        if (be == PcapWriter.MAGIC_MICROS || be == PcapWriter.MAGIC_NANOS) {
            littleEndian = false;
            nanos = be == PcapWriter.MAGIC_NANOS;
        } else if (le == PcapWriter.MAGIC_MICROS || le == PcapWriter.MAGIC_NANOS) {
            littleEndian = true;
            nanos = le == PcapWriter.MAGIC_NANOS;
        } else if (be == PCAPNG_MAGIC) {
            throw new PcapFormatException("pcapng files are not supported here: save the capture as classic pcap");
        } else {
            throw new PcapFormatException("unknown file format");
        }
        if (n < h.length) {
            throw new PcapFormatException("truncated dump file; tried to read " + h.length
                + " file header bytes, only got " + n);
        }
        versionMajor = u16(h, 4);
        versionMinor = u16(h, 6);
        if (versionMajor < 2) {
            throw new PcapFormatException("archaic pcap savefile format");
        }
        snaplen = i32(h, 16);
        linkTypeCode = i32(h, 20) & 0x03FF_FFFF; // the upper bits hold FCS information
    }

    /** Opens a file for reading records one by one. */
    public static PcapReader open(Path file) throws IOException {
        InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new PcapReader(is);
        } catch (IOException | RuntimeException e) {
            is.close();
            throw e;
        }
    }

    /** All records of a file. */
    public static List<PcapRecord> readAll(Path file) throws IOException {
        try (PcapReader r = open(file)) {
            return r.readAll();
        }
    }

    /** All records of a file held in memory. */
    public static List<PcapRecord> readAll(byte[] file) throws IOException {
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(file))) {
            return r.readAll();
        }
    }

    /** The remaining records. */
    public List<PcapRecord> readAll() throws IOException {
        List<PcapRecord> out = new ArrayList<>();
        for (PcapRecord r = next(); r != null; r = next()) {
            out.add(r);
        }
        return out;
    }

    /** The next record, or null at the end of the file. */
    public PcapRecord next() throws IOException {
        int n = readFully(rh, 0, rh.length);
        if (n == 0) {
            return null;
        }
        if (n < rh.length) {
            throw new PcapFormatException("truncated dump file; tried to read " + rh.length
                + " header bytes, only got " + n);
        }
        long sec = i32(rh, 0) & 0xFFFF_FFFFL;
        long frac = i32(rh, 4) & 0xFFFF_FFFFL;
        int incl = i32(rh, 8);
        int orig = i32(rh, 12);
        if (incl < 0 || incl > Math.max(MAX_RECORD_LENGTH, snaplen)) {
            throw new PcapFormatException("invalid packet capture length " + Integer.toUnsignedString(incl)
                + ", bigger than snaplen of " + Math.max(MAX_RECORD_LENGTH, snaplen));
        }
        byte[] data = new byte[incl];
        int got = readFully(data, 0, incl);
        if (got < incl) {
            throw new PcapFormatException("truncated dump file; tried to read " + incl
                + " captured bytes, only got " + got);
        }
        long nanosTime = sec * 1_000_000_000L + (nanos ? frac : frac * 1_000L);
        return new PcapRecord(nanosTime, Math.max(orig, incl), data);
    }

    /** The link type, or null for one knetsim does not know (see {@link #linkTypeCode()}). */
    public LinkType linkType() {
        return LinkType.fromCode(linkTypeCode);
    }

    public int linkTypeCode() {
        return linkTypeCode;
    }

    public int snaplen() {
        return snaplen;
    }

    /** True for a nanosecond-resolution file. */
    public boolean nanosecondResolution() {
        return nanos;
    }

    /** The byte order the file was written in. */
    public ByteOrder byteOrder() {
        return littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    public int versionMajor() {
        return versionMajor;
    }

    public int versionMinor() {
        return versionMinor;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r = in.read(b, off + total, len - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    private int u16(byte[] b, int off) {
        return littleEndian ? (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 : (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    private int i32(byte[] b, int off) {
        return littleEndian ? le32(b, off) : be32(b, off);
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static int be32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }
}
