package io.knetsim.tool;

/** A command a learner can type, e.g. {@code ping}. */
public interface Command {
    /** The word that invokes it. */
    String name();

    /** One line for {@code help}: synopsis and what it does. */
    String synopsis();

    /**
     * Starts the command. It must eventually call {@link Invocation#exit(int)}: before
     * returning, or from a simulator event, or when {@linkplain Invocation#onInterrupt interrupted}.
     */
    void start(Invocation inv);
}
