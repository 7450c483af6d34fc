package io.knetsim.netfilter;

import java.util.Arrays;

/**
 * The hook functions of one namespace, per hook point, ordered by priority (lower runs
 * first; equal priorities run in registration order), as {@code nf_register_net_hook} keeps them.
 */
public final class NfHooks {
    /** Named priorities as nft knows them. */
    public static final int PRIORITY_RAW = -300;
    public static final int PRIORITY_MANGLE = -150;
    public static final int PRIORITY_DSTNAT = -100;
    public static final int PRIORITY_FILTER = 0;
    public static final int PRIORITY_SECURITY = 50;
    public static final int PRIORITY_SRCNAT = 100;
    /** Conntrack runs before the raw table is done with ({@code NF_IP_PRI_CONNTRACK}). */
    public static final int PRIORITY_CONNTRACK = -200;

    /** A registered function; keep it to unregister. */
    public record Entry(NfHook hook, int priority, long order, NfHookFn fn) {
    }

    private static final Entry[] NONE = new Entry[0];
    private final Entry[][] entries = new Entry[NfHook.values().length][];
    private long registrations;

    public NfHooks() {
        Arrays.fill(entries, NONE);
    }

    public Entry register(NfHook hook, int priority, NfHookFn fn) {
        Entry e = new Entry(hook, priority, registrations++, fn);
        Entry[] old = entries[hook.ordinal()];
        Entry[] n = Arrays.copyOf(old, old.length + 1);
        n[old.length] = e;
        Arrays.sort(n, (a, b) -> a.priority != b.priority ? Integer.compare(a.priority, b.priority)
            : Long.compare(a.order, b.order));
        entries[hook.ordinal()] = n;
        return e;
    }

    public void unregister(Entry e) {
        entries[e.hook().ordinal()] = Arrays.stream(entries[e.hook().ordinal()]).filter(x -> x != e)
            .toArray(Entry[]::new);
    }

    public boolean isEmpty(NfHook hook) {
        return entries[hook.ordinal()].length == 0;
    }

    /** Runs the hook's functions in order until one does not accept. */
    public Verdict run(NfHook hook, io.knetsim.packet.SkBuff skb, io.knetsim.net.NetDevice in,
                       io.knetsim.net.NetDevice out) {
        for (Entry e : entries[hook.ordinal()]) {
            Verdict v = e.fn.hook(hook, skb, in, out);
            if (v != Verdict.ACCEPT) {
                return v;
            }
        }
        return Verdict.ACCEPT;
    }
}
