package io.knetsim.netfilter.nft;

import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.NfHooks;

/**
 * Base chain priorities by name, as nft writes them: {@code raw} -300, {@code mangle} -150,
 * {@code dstnat} -100 (prerouting only), {@code filter} 0, {@code security} 50, {@code srcnat}
 * 100 (postrouting only). A priority within 10 of a name lists as {@code filter + 5} or
 * {@code dstnat - 5}; others as a number.
 */
public final class Priority {
    private static final String[] NAMES = {"raw", "mangle", "dstnat", "filter", "security", "srcnat"};
    private static final int[] VALUES = {NfHooks.PRIORITY_RAW, NfHooks.PRIORITY_MANGLE, NfHooks.PRIORITY_DSTNAT,
        NfHooks.PRIORITY_FILTER, NfHooks.PRIORITY_SECURITY, NfHooks.PRIORITY_SRCNAT};

    private Priority() {
    }

    /** The value of a named priority usable at {@code hook}; throws nft's error if it is not. */
    public static int named(String name, NfHook hook) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                if (!compatible(VALUES[i], hook)) {
                    throw new NftException("'" + name + "' is invalid priority in this context.");
                }
                return VALUES[i];
            }
        }
        throw new NftException("'" + name + "' is invalid priority.");
    }

    public static boolean isName(String w) {
        for (String n : NAMES) {
            if (n.equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compatible(int prio, NfHook hook) {
        if (prio == NfHooks.PRIORITY_DSTNAT) {
            return hook == NfHook.PREROUTING;
        }
        if (prio == NfHooks.PRIORITY_SRCNAT) {
            return hook == NfHook.POSTROUTING;
        }
        return true;
    }

    /** How {@code nft list} writes {@code prio} at {@code hook}. */
    public static String format(int prio, NfHook hook) {
        for (int i = 0; i < NAMES.length; i++) {
            int off = prio - VALUES[i];
            if (compatible(VALUES[i], hook) && Math.abs(off) <= 10) {
                return off == 0 ? NAMES[i] : off > 0 ? NAMES[i] + " + " + off : NAMES[i] + " - " + (-off);
            }
        }
        return Integer.toString(prio);
    }
}
