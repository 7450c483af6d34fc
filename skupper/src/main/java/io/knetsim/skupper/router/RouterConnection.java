package io.knetsim.skupper.router;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.Attach;
import io.knetsim.skupper.amqp.Source;
import io.knetsim.skupper.amqp.Symbol;
import io.knetsim.skupper.amqp.Target;
import io.knetsim.skupper.amqp.Transfer;
import io.knetsim.skupper.config.Role;
import io.knetsim.skupper.routing.InterRouterCost;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One AMQP connection of a router, made by a listener ({@code in}) or a connector
 * ({@code out}). On an inter-router connection each end attaches a sender link with the
 * target capability {@code qd.router} for its control messages (hello, link state, mobile
 * addresses) and takes the peer's as a receiver with 250 credit; stream links for the TCP
 * adaptor are attached alongside on the same session.
 */
final class RouterConnection implements AmqpConnection.Listener {
    static final String CONTROL_CAPABILITY = "qd.router";
    static final int CONTROL_CREDIT = 250;

    final SkupperRouter router;
    final long identity;
    final Role role;
    final boolean outgoing;
    final String configName;
    final int localCost;
    final AmqpConnection amqp;
    final long openedAt;
    String remoteHost = "";
    AmqpLink controlOut;
    AmqpLink controlIn;
    private ByteArrayOutputStream controlDelivery;
    Runnable onGone;
    Runnable onOpened;

    RouterConnection(SkupperRouter router, long identity, Role role, boolean outgoing, String configName,
                     int localCost, long maxFrameSize, long maxSessionFrames) {
        this.router = router;
        this.identity = identity;
        this.role = role;
        this.outgoing = outgoing;
        this.configName = configName;
        this.localCost = localCost;
        this.openedAt = router.sim().now();
        java.util.Map<Object, Object> props = new java.util.LinkedHashMap<>();
        if (role == Role.INTER_ROUTER && localCost > 1) {
            props.put(Symbol.of(InterRouterCost.OPEN_PROPERTY), localCost);
        }
        this.amqp = new AmqpConnection(this, outgoing, router.id(), maxFrameSize, maxSessionFrames,
            props.isEmpty() ? null : props);
    }

    boolean interRouter() {
        return role == Role.INTER_ROUTER;
    }

    /** The peer's router id (its container id), once its open arrived. */
    String remoteId() {
        return amqp.remoteContainerId();
    }

    /** The link's cost: the larger of this end's and the peer's configured cost. */
    int cost() {
        int remote = 1;
        if (amqp.remoteOpen() != null && amqp.remoteOpen().properties() != null) {
            Object v = amqp.remoteOpen().properties().get(Symbol.of(InterRouterCost.OPEN_PROPERTY));
            if (v instanceof Number n) {
                remote = n.intValue();
            }
        }
        return InterRouterCost.of(localCost, remote);
    }

    void setRemote(int addr, int port) {
        remoteHost = Ipv4Address.format(addr) + ":" + port;
    }

    @Override
    public void onReady(AmqpConnection c) {
        if (onOpened != null) {
            onOpened.run();
        }
        if (!interRouter()) {
            return;
        }
        controlOut = c.open(AmqpConnection.CONTROL, "qdlink.control." + router.id(), true, Source.of(null),
            Target.withCapability(null, CONTROL_CAPABILITY), 0, new LinkHandler() {
            });
        router.routing().connectionReady(this);
    }

    @Override
    public void onRemoteAttach(AmqpConnection c, Attach a) {
        if (!interRouter()) {
            c.refuse(a, AmqpError.of("amqp:not-allowed", "links are only routed between routers"));
            return;
        }
        boolean peerSends = !a.receiver();
        List<Symbol> caps = a.target() == null ? null : a.target().capabilities();
        if (peerSends && caps != null && caps.contains(Symbol.of(CONTROL_CAPABILITY))) {
            controlIn = c.accept(a, new LinkHandler() {
                @Override
                public boolean onTransfer(AmqpLink link, Transfer t, byte[] payload) {
                    onControlTransfer(t, payload);
                    return true;
                }
            }, CONTROL_CREDIT);
            return;
        }
        router.streams().onRemoteAttach(this, a);
    }

    private void onControlTransfer(Transfer t, byte[] payload) {
        if (t.deliveryId() != null) {
            controlDelivery = new ByteArrayOutputStream();
        }
        if (controlDelivery == null || t.isAborted()) {
            controlDelivery = null;
            return;
        }
        controlDelivery.write(payload, 0, payload.length);
        if (!t.hasMore()) {
            byte[] msg = controlDelivery.toByteArray();
            controlDelivery = null;
            ControlMessage m;
            try {
                m = ControlMessage.decode(msg);
            } catch (RuntimeException e) {
                amqp.close(AmqpError.of("amqp:decode-error", "bad control message: " + e.getMessage()));
                return;
            }
            router.routing().onControl(this, m);
        }
    }

    /** Sends a control message, pre-settled, on this connection's control link. */
    void sendControl(ControlMessage m) {
        if (controlOut != null && !amqp.isClosed()) {
            controlOut.startDelivery(m.encode(), true, false);
        }
    }

    @Override
    public void onClosed(AmqpConnection c, String reason) {
        router.connectionClosed(this, reason);
        if (onGone != null) {
            onGone.run();
        }
    }
}
