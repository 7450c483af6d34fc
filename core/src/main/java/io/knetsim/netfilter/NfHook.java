package io.knetsim.netfilter;

/**
 * The five IPv4 hook points ({@code enum nf_inet_hooks}).
 *
 * <pre>
 *  in --> PREROUTING --> routing --> FORWARD --> POSTROUTING --> out
 *                           |                        ^
 *                         INPUT                    OUTPUT
 *                           v                        |
 *                         local process  -----> routing
 * </pre>
 */
public enum NfHook {
    PREROUTING("prerouting"), INPUT("input"), FORWARD("forward"), OUTPUT("output"), POSTROUTING("postrouting");

    private final String text;

    NfHook(String text) {
        this.text = text;
    }

    /** The name nft uses: {@code hook prerouting}. */
    public String text() {
        return text;
    }
}
