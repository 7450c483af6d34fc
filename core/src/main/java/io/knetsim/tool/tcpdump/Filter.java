package io.knetsim.tool.tcpdump;

import java.util.function.Predicate;

/**
 * A compiled capture filter: the pcap-filter(7) language as tcpdump takes it after its options
 * ({@code tcpdump -n 'host 10.0.0.1 and (icmp or arp)'}). See {@link FilterParser} for the subset
 * and its grammar; filters look at the outer headers of a packet, as BPF does.
 */
public final class Filter {
    /** The empty expression: every packet. */
    public static final Filter ALL = new Filter("", f -> true);

    private final String expression;
    private final Predicate<Frame> test;

    private Filter(String expression, Predicate<Frame> test) {
        this.expression = expression;
        this.test = test;
    }

    /** Compiles an expression, or says what is wrong with it in libpcap's words. */
    public static Filter compile(String expression) throws FilterException {
        String e = expression == null ? "" : expression.trim();
        return e.isEmpty() ? ALL : new Filter(e, FilterParser.parse(e));
    }

    public boolean matches(Frame f) {
        return test.test(f);
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
