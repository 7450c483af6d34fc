package io.knetsim.app.image;

/** A running simulated application; {@link #stop()} ends it (a listening server stops accepting). */
@FunctionalInterface
public interface AppHandle {
    void stop();

    /** An application that runs nothing (a {@code busybox} that sleeps). */
    AppHandle NOTHING = () -> { };
}
