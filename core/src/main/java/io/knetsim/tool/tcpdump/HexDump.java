package io.knetsim.tool.tcpdump;

/**
 * The packet dumps of {@code -x}, {@code -X} and {@code -A}, laid out as tcpdump's
 * {@code hex_print}, {@code hex_and_ascii_print} and {@code ascii_print} do:
 *
 * <pre>
 *   -X:   \n\t0x0000:  4500 0054 f3b2 4000 4001 32f3 0a00 0001  E..T..@.@.2.....
 *   -x:   \n\t0x0000:  4500 0054 f3b2 4000 4001 32f3 0a00 0001
 *   -A:   \nE..T..@.@.2.....   (printable characters, spaces and newlines; CR before LF dropped)
 * </pre>
 */
final class HexDump {
    private static final int BYTES_PER_LINE = 16;
    private static final int HEX_WIDTH = 40; // 8 groups of " xxxx"

    private HexDump() {
    }

    private static boolean graph(int c) {
        return c > 0x20 && c < 0x7f;
    }

    static void hexAndAscii(StringBuilder sb, byte[] b, int off, int len) {
        StringBuilder hex = new StringBuilder(HEX_WIDTH);
        StringBuilder asc = new StringBuilder(BYTES_PER_LINE);
        int offset = 0;
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xff;
            hex.append(i % 2 == 0 ? " " : "").append(String.format("%02x", c));
            asc.append(graph(c) ? (char) c : '.');
            if (asc.length() == BYTES_PER_LINE) {
                line(sb, offset, hex, asc);
                offset += BYTES_PER_LINE;
            }
        }
        if (asc.length() > 0) {
            line(sb, offset, hex, asc);
        }
    }

    private static void line(StringBuilder sb, int offset, StringBuilder hex, StringBuilder asc) {
        sb.append(String.format("\n\t0x%04x: %-" + HEX_WIDTH + "s  %s", offset, hex, asc));
        hex.setLength(0);
        asc.setLength(0);
    }

    static void hex(StringBuilder sb, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (i % BYTES_PER_LINE == 0) {
                sb.append(String.format("\n\t0x%04x: ", i));
            }
            sb.append(i % 2 == 0 ? " " : "").append(String.format("%02x", b[off + i] & 0xff));
        }
    }

    static void ascii(StringBuilder sb, byte[] b, int off, int len) {
        sb.append('\n');
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xff;
            if (c == '\r') {
                if (i + 1 == len || b[off + i + 1] != '\n') {
                    sb.append('.');
                }
            } else if (graph(c) || c == '\t' || c == ' ' || c == '\n') {
                sb.append((char) c);
            } else {
                sb.append('.');
            }
        }
    }
}
