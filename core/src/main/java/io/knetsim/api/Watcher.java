package io.knetsim.api;

import io.knetsim.api.fields.FieldSelector;
import io.knetsim.api.labels.Selector;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One open watch: filters the server's changes by kind, namespace and label and field selectors, queues them, and
 * hands them to the handler from one event-loop task, so a handler never runs inside the API
 * call that made the change and may itself call the server.
 */
final class Watcher<T extends KubeObject<T>> implements Watch {
    private final ApiServer server;
    private final ResourceType<T> type;
    private final Class<T> cls;
    private final String namespace;
    final Selector selector;
    final FieldSelector fields;
    private final Consumer<WatchEvent<T>> handler;
    private final ArrayDeque<WatchEvent<T>> queue = new ArrayDeque<>();
    private boolean scheduled;
    private boolean stopped;

    Watcher(ApiServer server, ResourceType<T> type, Class<T> cls, String namespace, Selector selector,
        FieldSelector fields, Consumer<WatchEvent<T>> handler) {
        this.fields = fields;
        this.server = server;
        this.type = type;
        this.cls = cls;
        this.namespace = namespace;
        this.selector = selector;
        this.handler = handler;
    }

    /** Turns a change into what this watch sees, if anything. */
    void offer(ApiServer.Change c) {
        if (c.rt() != type) {
            return;
        }
        T o = cls.cast(c.object());
        if (namespace != null && type.namespaced() && !namespace.equals(o.metadata().namespace())) {
            return;
        }
        boolean now = ApiServer.matches(type, o, selector, fields);
        switch (c.type()) {
            case ADDED, DELETED -> {
                if (now) {
                    enqueue(new WatchEvent<>(c.type(), o));
                }
            }
            case MODIFIED -> {
                boolean before = ApiServer.matches(type, cls.cast(c.old()), selector, fields);
                if (before && now) {
                    enqueue(new WatchEvent<>(WatchEvent.Type.MODIFIED, o));
                } else if (now) {
                    enqueue(new WatchEvent<>(WatchEvent.Type.ADDED, o));
                } else if (before) {
                    enqueue(new WatchEvent<>(WatchEvent.Type.DELETED, o));
                }
            }
            default -> throw new IllegalStateException("unexpected change " + c.type());
        }
    }

    void enqueue(WatchEvent<T> e) {
        if (stopped) {
            return;
        }
        queue.addLast(e);
        if (!scheduled) {
            scheduled = true;
            server.sim().after(0, this::drain);
        }
    }

    private void drain() {
        scheduled = false;
        WatchEvent<T> e;
        while (!stopped && (e = queue.pollFirst()) != null) {
            handler.accept(e);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        queue.clear();
        server.removeWatcher(this);
    }
}
