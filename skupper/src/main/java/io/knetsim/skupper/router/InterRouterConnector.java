package io.knetsim.skupper.router;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import io.knetsim.skupper.config.ConnectorEntity;

/**
 * A {@code connector} entity at work: connects to host:port and, whenever the connection fails
 * or later drops, tries again after a delay that starts at 1 s and doubles up to 8 s (reset
 * once a connection opens), as skupper-router retries its connectors.
 */
final class InterRouterConnector {
    static final long FIRST_DELAY = SimTime.seconds(1);
    static final long MAX_DELAY = SimTime.seconds(8);

    private final SkupperRouter router;
    private final ConnectorEntity entity;
    private final int host;
    private long delay = FIRST_DELAY;
    private RouterConnection current;
    private Timer retry;
    private boolean stopped;
    long attempts;
    String lastError = "";

    InterRouterConnector(SkupperRouter router, ConnectorEntity entity) {
        this.router = router;
        this.entity = entity;
        this.host = Ipv4Address.parse(entity.host()).bits();
    }

    ConnectorEntity entity() {
        return entity;
    }

    /** True while a connection is open (both opens exchanged). */
    boolean connected() {
        return current != null && current.amqp.isReady();
    }

    void start() {
        connect();
    }

    void stop() {
        stopped = true;
        if (retry != null) {
            retry.cancel();
        }
        if (current != null) {
            current.amqp.close(null);
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        attempts++;
        RouterConnection c = router.newConnection(entity.role(), true, entity.name(), entity.cost(),
            entity.maxFrameSize(), entity.maxSessionFrames().orElse((int) SkupperRouter.DEFAULT_SESSION_FRAMES));
        c.setRemote(host, entity.port());
        current = c;
        c.onOpened = () -> delay = FIRST_DELAY;
        c.onGone = () -> {
            if (current == c) {
                current = null;
                scheduleRetry();
            }
        };
        try {
            Tcp.connect(router.namespace(), host, entity.port(), c.amqp);
        } catch (IllegalStateException e) {
            lastError = e.getMessage();
            router.connectionClosed(c, e.getMessage());
            current = null;
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (stopped || (retry != null && retry.isPending())) {
            return;
        }
        long d = delay;
        delay = Math.min(delay * 2, MAX_DELAY);
        retry = router.sim().after(d, this::connect);
    }
}
