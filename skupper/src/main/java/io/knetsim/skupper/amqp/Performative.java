package io.knetsim.skupper.amqp;

/**
 * An AMQP 1.0 transport performative (part 2, section 2.7): the body of an AMQP frame, a
 * described list whose descriptor code names it.
 *
 * <pre>
 *   0x10 open   0x11 begin   0x12 attach   0x13 flow   0x14 transfer
 *   0x15 disposition   0x16 detach   0x17 end   0x18 close
 * </pre>
 */
public sealed interface Performative permits Open, Begin, Attach, Flow, Transfer, Disposition, Detach, End, Close {
    /** The descriptor code, e.g. 0x10 for open. */
    long code();

    /** The performative's name as the specification spells it ({@code open}, {@code attach}, ...). */
    String performativeName();

    /** The described list, trailing null fields left off. */
    Described toDescribed();

    /** Reads a performative from its described form. */
    static Performative from(Object value) {
        if (!(value instanceof Described d)) {
            throw new AmqpDecodeException("frame body is not a described type: " + Fields.describe(value), false);
        }
        long code = d.code();
        return switch ((int) code) {
            case 0x10 -> Open.from(d.value());
            case 0x11 -> Begin.from(d.value());
            case 0x12 -> Attach.from(d.value());
            case 0x13 -> Flow.from(d.value());
            case 0x14 -> Transfer.from(d.value());
            case 0x15 -> Disposition.from(d.value());
            case 0x16 -> Detach.from(d.value());
            case 0x17 -> End.from(d.value());
            case 0x18 -> Close.from(d.value());
            default -> throw new AmqpDecodeException("unknown performative descriptor " + d.descriptor(), false);
        };
    }
}
