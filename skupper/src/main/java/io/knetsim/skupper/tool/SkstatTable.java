package io.knetsim.skupper.tool;

import java.util.List;

/**
 * skupper-router's tool tables ({@code Display.table} in its Python tools): the title, then,
 * when there are rows, the headers and a rule of {@code =}, every line indented two spaces;
 * each column is as wide as its widest cell plus two, the last one unpadded.
 *
 * <pre>
 * Routers in the Network
 *   router-id  next-hop  link
 *   ==========================
 *   A          (self)    -
 * </pre>
 */
final class SkstatTable {
    private static final String PREFIX = "  ";
    private static final int SPACING = 2;

    private SkstatTable() {
    }

    static String render(String title, List<String> heads, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder(title).append('\n');
        if (rows.isEmpty()) {
            return sb.toString();
        }
        int n = heads.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            int w = heads.get(c).length();
            for (List<String> r : rows) {
                w = Math.max(w, r.get(c).length());
            }
            width[c] = w + SPACING;
        }
        line(sb, heads, width);
        sb.append(PREFIX).append("=".repeat(java.util.Arrays.stream(width).sum())).append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append(PREFIX);
        for (int c = 0; c < width.length; c++) {
            String t = cells.get(c);
            sb.append(t);
            if (c < width.length - 1) {
                sb.append(" ".repeat(width[c] - t.length()));
            }
        }
        sb.append('\n');
    }

    /** skupper-router's {@code TimeLong}: days:hours:minutes:seconds, {@code 000:00:01:05}. */
    static String timeLong(long seconds) {
        long day = seconds / 86400;
        long t = seconds % 86400;
        return String.format("%03d:%02d:%02d:%02d", day, t / 3600, (t % 3600) / 60, t % 60);
    }
}
