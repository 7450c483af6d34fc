package io.knetsim.net.dev;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.link.Channel;
import io.knetsim.net.link.Link;
import io.knetsim.packet.SkBuff;

/** A physical Ethernet NIC ({@code eth0} of a host); has carrier while a {@link Link} is plugged in. */
public final class EthernetNic extends NetDevice {
    public static final int DEFAULT_MTU = 1500;
    private Link link;
    private Channel tx;

    public EthernetNic(NetNamespace ns, String name) {
        this(ns, name, DEFAULT_MTU);
    }

    public EthernetNic(NetNamespace ns, String name, int mtu) {
        super(ns, name, ns.world().macFor(ns.name(), name), mtu);
    }

    @Override
    public String kind() {
        return "nic";
    }

    /** Called by {@link Link#connect}. */
    public void attach(Link link, Channel tx) {
        this.link = link;
        this.tx = tx;
        carrierChanged();
    }

    public Link link() {
        return link;
    }

    @Override
    public boolean hasCarrier() {
        return tx != null;
    }

    @Override
    protected void transmit(SkBuff skb) {
        if (tx == null) {
            dropTx(skb, DropReason.NO_CARRIER);
            return;
        }
        tx.send(skb);
    }
}
