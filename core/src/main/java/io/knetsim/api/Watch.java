package io.knetsim.api;

/** An open watch; {@link #stop()} ends it (events already queued are not delivered). */
public interface Watch {
    void stop();
}
