package io.knetsim.skupper.amqp;

import java.util.List;

/**
 * The terminal delivery states of AMQP messaging (part 3, section 3.4) the router uses:
 * {@code accepted} (0x24), {@code rejected} (0x25), {@code released} (0x26), each an empty
 * described list (rejected may carry an error, not used here).
 */
public enum Outcome {
    ACCEPTED(0x24),
    REJECTED(0x25),
    RELEASED(0x26);

    private final long code;

    Outcome(long code) {
        this.code = code;
    }

    public long code() {
        return code;
    }

    public Described toDescribed() {
        return new Described(new UnsignedLong(code), List.of());
    }

    /** The outcome a delivery state names, or null for none (or one this enum lacks). */
    public static Outcome from(Object state) {
        if (state instanceof Described d) {
            for (Outcome o : values()) {
                if (o.code == d.code()) {
                    return o;
                }
            }
        }
        return null;
    }
}
