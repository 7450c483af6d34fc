package io.knetsim.net.tcp;

/**
 * Connection states of RFC 9293 section 3.3.2, named as {@code ss} prints them
 * ({@link #label()}).
 */
public enum TcpState {
    CLOSED("UNCONN"),
    LISTEN("LISTEN"),
    SYN_SENT("SYN-SENT"),
    SYN_RECEIVED("SYN-RECV"),
    ESTABLISHED("ESTAB"),
    FIN_WAIT_1("FIN-WAIT-1"),
    FIN_WAIT_2("FIN-WAIT-2"),
    CLOSE_WAIT("CLOSE-WAIT"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST-ACK"),
    TIME_WAIT("TIME-WAIT");

    private final String label;

    TcpState(String label) {
        this.label = label;
    }

    /** The state as {@code ss -tan} prints it. */
    public String label() {
        return label;
    }

    /** True once a SYN has been both sent and received (RFC 9293 "synchronized" states). */
    public boolean synchronizedState() {
        return ordinal() >= ESTABLISHED.ordinal();
    }
}
