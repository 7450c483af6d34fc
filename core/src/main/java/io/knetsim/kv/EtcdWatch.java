package io.knetsim.kv;

import io.knetsim.app.http.HttpClient;

/** A call of an {@link EtcdClient} in flight (a long-poll watch, usually), which can be cancelled. */
public final class EtcdWatch {
    HttpClient.HttpCall current;
    boolean cancelled;

    EtcdWatch() {
    }

    /** Closes the connection; the callback will not run. */
    public void cancel() {
        cancelled = true;
        if (current != null) {
            current.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
