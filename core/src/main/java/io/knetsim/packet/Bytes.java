package io.knetsim.packet;

/** Big-endian (network order) reads and writes into byte arrays. */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static int i32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFF_FFFFL;
    }

    public static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void put32(byte[] b, int off, long v) {
        put32(b, off, (int) v);
    }
}
