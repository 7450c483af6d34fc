package io.knetsim.tool.nft;

/**
 * Input text and its name: the command line as nft joins its arguments, or a file given to
 * {@code -f} (whose errors are prefixed {@code FILE:LINE:FIRST-LAST: }).
 */
record Source(String name, String text, boolean file) {
    /** nft's error report: location prefix, message, the input line, and markers under the span. */
    String error(String message, int start, int end) {
        if (start < 0) {
            return "Error: " + message + "\n";
        }
        start = Math.min(start, text.length());
        end = Math.max(Math.min(end, text.length()), start);
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        end = Math.min(end, lineEnd);
        String line = text.substring(lineStart, lineEnd);
        StringBuilder mark = new StringBuilder();
        for (int i = lineStart; i < start; i++) {
            mark.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        int n = Math.max(1, end - start);
        mark.append("^".repeat(n));
        String prefix = "";
        if (file) {
            int lineNo = 1;
            for (int i = 0; i < lineStart; i++) {
                if (text.charAt(i) == '\n') {
                    lineNo++;
                }
            }
            int first = start - lineStart + 1;
            prefix = name + ":" + lineNo + ":" + first + "-" + (first + n - 1) + ": ";
        }
        return prefix + "Error: " + message + "\n" + line + "\n" + mark + "\n";
    }
}
