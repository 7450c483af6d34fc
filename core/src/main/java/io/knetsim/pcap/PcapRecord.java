package io.knetsim.pcap;

/**
 * One packet record of a pcap file: when it was seen, how long it was on the wire, and the bytes
 * captured of it (fewer than {@code originalLength} only if the snapshot length cut it).
 *
 * @param timestampNanos virtual time in nanoseconds since the epoch of the file (0 in knetsim)
 * @param originalLength the packet's length on the wire ({@code orig_len})
 * @param data           the captured bytes ({@code incl_len} of them), starting at the link header
 */
public record PcapRecord(long timestampNanos, int originalLength, byte[] data) {
    public PcapRecord {
        if (data == null) {
            throw new IllegalArgumentException("record data is null");
        }
        if (originalLength < data.length) {
            throw new IllegalArgumentException("original length " + originalLength + " is less than the "
                + data.length + " bytes captured");
        }
    }

    /** Bytes captured ({@code incl_len}). */
    public int capturedLength() {
        return data.length;
    }
}
