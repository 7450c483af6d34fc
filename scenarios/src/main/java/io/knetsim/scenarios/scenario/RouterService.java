package io.knetsim.scenarios.scenario;

import io.knetsim.addr.Ipv4Address;

/**
 * A TCP service exposed over the router network, as the original labs' service list had it,
 * {@code {"name": "svc1", "cluster": "0", "host": c4_ip, "port": "80", "lport": 1028}}: the
 * router of {@code cluster} connects to the service (a scenario pod, whose IP is looked up once
 * the pods run, or a fixed address), and every other site's router listens for it on
 * {@code lport} of its first worker. The name is the router address connections travel to.
 *
 * <pre>
 *   routers:
 *     services: [{name: svc1, cluster: C0, pod: c4, port: 80, lport: 1028}]
 *   RouterService.pod("svc1", "C0", "c4", 80, 1028)
 * </pre>
 *
 * @param pod  the name of one of the cluster's scenario pods ({@code clusters[].pods}), or null
 *             when {@code host} is given
 * @param host the service's address, or null when {@code pod} is given
 */
public record RouterService(String name, String cluster, String pod, Ipv4Address host, int port, int lport) {
    /** A service run by a scenario pod. */
    public static RouterService pod(String name, String cluster, String pod, int port, int lport) {
        return new RouterService(name, cluster, pod, null, port, lport);
    }

    /** A service at a fixed address. */
    public static RouterService host(String name, String cluster, String host, int port, int lport) {
        return new RouterService(name, cluster, null, Ipv4Address.parse(host), port, lport);
    }
}
