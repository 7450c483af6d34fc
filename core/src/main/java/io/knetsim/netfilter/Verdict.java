package io.knetsim.netfilter;

/** What a hook function decides about a packet ({@code NF_ACCEPT}, {@code NF_DROP}, {@code NF_STOLEN}). */
public enum Verdict {
    /** Continue to the next hook function, then on along the path. */
    ACCEPT,
    /** Drop the packet; the stack counts it as {@code nf_drop}. */
    DROP,
    /** The hook took the packet (queued or consumed it); the stack stops without a drop. */
    STOLEN
}
