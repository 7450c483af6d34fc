package io.knetsim.netfilter.nft;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A listener for trace events ({@code nft monitor trace}): packets marked with
 * {@code meta nftrace set 1} report, per base chain they run through, the packet's headers,
 * each rule that matched with its verdict, the end of each chain and the base chain's policy.
 *
 * <pre>
 *   trace id 9a1e2f3c ip filter output packet: oif "eth0" ip saddr 10.0.0.1 ip daddr 8.8.8.8 ... 
 *   trace id 9a1e2f3c ip filter output rule ip daddr 8.8.8.8 counter packets 0 bytes 0 (verdict continue)
 *   trace id 9a1e2f3c ip filter output verdict continue 
 *   trace id 9a1e2f3c ip filter output policy accept 
 * </pre>
 *
 * As nft does, the monitor prints a rule from its own copy of the ruleset, taken when it
 * started and extended with each rule added later (as nft's cache follows the kernel's
 * new-rule events): a counter shows the value it had then, not the packet's. Lines end with
 * the space nft leaves after a packet, a verdict or a policy.
 */
public final class TraceMonitor {
    private final Nftables nft;
    private final Consumer<String> lines;
    private final Map<Rule, String> rules = new IdentityHashMap<>();

    TraceMonitor(Nftables nft, Consumer<String> lines) {
        this.nft = nft;
        this.lines = lines;
        cacheRules();
    }

    /** Takes the text of rules it has not seen (at start, and after each change of the ruleset). */
    void cacheRules() {
        for (Table t : nft.tables()) {
            for (Chain c : t.chains.values()) {
                for (Rule r : c.rules) {
                    rules.computeIfAbsent(r, Rule::format);
                }
            }
        }
    }

    String ruleText(Rule r) {
        return rules.computeIfAbsent(r, Rule::format);
    }

    void emit(String line) {
        lines.accept(line);
    }

    /** Stops listening. */
    public void stop() {
        nft.removeTraceMonitor(this);
    }
}
