package io.knetsim.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic libpcap file (the format of {@code tcpdump -w}, which Wireshark opens).
 *
 * <pre>
 *  global header, 24 bytes                  per packet: record header, 16 bytes, then the bytes
 *  +-------+---+---+-------+-------+-------+-------+   +--------+---------+----------+----------+
 *  | magic |2  |4  | zone 0|sigfig0|snaplen|network|   | ts_sec | ts_frac | incl_len | orig_len |
 *  +-------+---+---+-------+-------+-------+-------+   +--------+---------+----------+----------+
 * </pre>
 *
 * Fields are little-endian, as libpcap writes them on x86, so files are the same on every
 * machine. The magic is {@code 0xa1b23c4d} for nanosecond timestamps (the default: virtual time
 * is in nanoseconds) or {@code 0xa1b2c3d4} for microseconds; the version is 2.4 and the snapshot
 * length 262144, tcpdump's default. Timestamps are virtual time, seconds and fraction, so the
 * same scenario with the same seed gives the same file byte for byte.
 */
public final class PcapWriter implements Closeable, Flushable {
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    /** tcpdump's default snapshot length ({@code MAXIMUM_SNAPLEN}). */
    public static final int DEFAULT_SNAPLEN = 262144;
    public static final int FILE_HEADER_LENGTH = 24;
    public static final int RECORD_HEADER_LENGTH = 16;

    /** Resolution of the timestamps in the file. */
    public enum Precision { MICRO, NANO }

    private final OutputStream out;
    private final LinkType linkType;
    private final int snaplen;
    private final Precision precision;
    private final byte[] header = new byte[RECORD_HEADER_LENGTH];
    private long records;
    private boolean closed;

    /** A nanosecond file with the default snapshot length. */
    public PcapWriter(OutputStream out, LinkType linkType) throws IOException {
        this(out, linkType, DEFAULT_SNAPLEN, Precision.NANO);
    }

    /** Writes the file header at once. */
    public PcapWriter(OutputStream out, LinkType linkType, int snaplen, Precision precision) throws IOException {
        if (out == null || linkType == null || precision == null) {
            throw new IllegalArgumentException("output, link type and precision are required");
        }
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snapshot length must be positive, got " + snaplen);
        }
        this.out = out;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.precision = precision;
        byte[] h = new byte[FILE_HEADER_LENGTH];
        putLe32(h, 0, precision == Precision.NANO ? MAGIC_NANOS : MAGIC_MICROS);
        putLe16(h, 4, VERSION_MAJOR);
        putLe16(h, 6, VERSION_MINOR);
        putLe32(h, 8, 0);
        putLe32(h, 12, 0);
        putLe32(h, 16, snaplen);
        putLe32(h, 20, linkType.code());
        out.write(h);
    }

    /** Creates (or truncates) {@code file}: a buffered nanosecond file with the default snapshot length. */
    public static PcapWriter create(Path file, LinkType linkType) throws IOException {
        return create(file, linkType, Precision.NANO);
    }

    public static PcapWriter create(Path file, LinkType linkType, Precision precision) throws IOException {
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            return new PcapWriter(os, linkType, DEFAULT_SNAPLEN, precision);
        } catch (IOException | RuntimeException e) {
            os.close();
            throw e;
        }
    }

    public LinkType linkType() {
        return linkType;
    }

    public int snaplen() {
        return snaplen;
    }

    public Precision precision() {
        return precision;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** Writes one packet seen at {@code timeNanos}; bytes beyond the snapshot length are cut. */
    public void write(long timeNanos, byte[] data) throws IOException {
        write(timeNanos, data, 0, data.length);
    }

    public void write(long timeNanos, byte[] data, int off, int len) throws IOException {
        writeRecord(timeNanos, len, data, off, len);
    }

    /** Writes a record as read from another file, keeping its original length. */
    public void write(PcapRecord r) throws IOException {
        writeRecord(r.timestampNanos(), r.originalLength(), r.data(), 0, r.capturedLength());
    }

    private void writeRecord(long timeNanos, int originalLength, byte[] data, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("pcap writer is closed");
        }
        if (timeNanos < 0) {
            throw new IllegalArgumentException("negative timestamp " + timeNanos);
        }
        int incl = Math.min(len, snaplen);
        long frac = timeNanos % 1_000_000_000L;
        putLe32(header, 0, (int) (timeNanos / 1_000_000_000L));
        putLe32(header, 4, (int) (precision == Precision.MICRO ? frac / 1_000 : frac));
        putLe32(header, 8, incl);
        putLe32(header, 12, originalLength);
        out.write(header);
        out.write(data, off, incl);
        records++;
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
