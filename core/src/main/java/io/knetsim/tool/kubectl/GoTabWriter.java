package io.knetsim.tool.kubectl;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} with padding characters (no flags), as kubectl aligns its tables
 * (min width 6, padding 3) and {@code describe} output (min width 0, padding 2). Text is cut
 * into cells at tabs; a column's width is set per <em>column block</em>: the run of adjacent
 * lines that all have a tab-terminated cell in that column. A line without a cell in a column
 * ends that column's block, which is why {@code describe}'s sections align separately:
 * <pre>
 *   "Name:\tweb\n"          Name:       web        ◀─ one block (width of the widest cell + padding)
 *   "Namespace:\tdefault\n" Namespace:  default
 *   "Containers:\n"         Containers:            ◀─ no tab: ends the block
 * </pre>
 * The last cell of a line is never padded.
 */
final class GoTabWriter {
    private final int minWidth;
    private final int padding;
    private final StringBuilder pending = new StringBuilder();

    GoTabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** kubectl get's table writer. */
    static GoTabWriter table() {
        return new GoTabWriter(6, 3);
    }

    /** kubectl describe's writer. */
    static GoTabWriter describe() {
        return new GoTabWriter(0, 2);
    }

    GoTabWriter write(String s) {
        pending.append(s);
        return this;
    }

    /** Writes {@code cells} joined by tabs, and a newline. */
    GoTabWriter row(List<String> cells) {
        pending.append(String.join("\t", cells)).append('\n');
        return this;
    }

    /** The aligned text of everything written. */
    String flush() {
        String text = pending.toString();
        List<String[]> lines = new ArrayList<>();
        int start = 0;
        boolean trailingNewline = text.endsWith("\n");
        String body = trailingNewline ? text.substring(0, text.length() - 1) : text;
        if (!text.isEmpty()) {
            for (String l : body.split("\n", -1)) {
                lines.add(l.split("\t", -1));
            }
        }
        StringBuilder out = new StringBuilder();
        List<Integer> widths = new ArrayList<>();
        format(lines, 0, lines.size(), widths, out);
        if (!trailingNewline && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        pending.setLength(0);
        return out.toString();
    }

    private void format(List<String[]> lines, int line0, int line1, List<Integer> widths, StringBuilder out) {
        int column = widths.size();
        for (int cur = line0; cur < line1; cur++) {
            if (column >= lines.get(cur).length - 1) {
                continue;
            }
            writeLines(lines, line0, cur, widths, out);
            line0 = cur;
            int width = minWidth;
            for (; cur < line1; cur++) {
                String[] l = lines.get(cur);
                if (column >= l.length - 1) {
                    break;
                }
                width = Math.max(width, l[column].length() + padding);
            }
            widths.add(width);
            format(lines, line0, cur, widths, out);
            widths.remove(widths.size() - 1);
            line0 = cur;
            cur--;
        }
        writeLines(lines, line0, line1, widths, out);
    }

    private static void writeLines(List<String[]> lines, int from, int to, List<Integer> widths, StringBuilder out) {
        for (int i = from; i < to; i++) {
            String[] cells = lines.get(i);
            for (int j = 0; j < cells.length; j++) {
                out.append(cells[j]);
                if (j < widths.size() && j < cells.length - 1) {
                    out.append(" ".repeat(Math.max(0, widths.get(j) - cells[j].length())));
                }
            }
            out.append('\n');
        }
    }
}
