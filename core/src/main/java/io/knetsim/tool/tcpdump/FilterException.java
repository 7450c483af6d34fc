package io.knetsim.tool.tcpdump;

/**
 * A capture filter that does not compile, with libpcap's message ({@code can't parse filter
 * expression: syntax error}, {@code unknown host 'db'}, {@code illegal port number 70000 > 65535});
 * tcpdump prints it after {@code tcpdump: } and exits with 1.
 */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;

    public FilterException(String message) {
        super(message);
    }
}
