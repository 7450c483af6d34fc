package io.knetsim.skupper.config;

import java.util.Objects;

/**
 * A TCP service exposed over the router network, as in the original labs' service list
 * {@code {"name": "svc1", "cluster": "0", "host": ip, "port": "80", "lport": 1028}}: it runs
 * at host:port in {@code cluster}, and every other cluster's router listens for it on
 * {@code lport}. The name is also the router address connections travel to.
 *
 * @param name the service's name and router address
 * @param cluster the cluster the service runs in
 * @param host the service's address (usually a pod IP)
 * @param port the service's TCP port
 * @param lport the port the other clusters' routers accept clients for it on
 */
public record ExposedService(String name, String cluster, String host, int port, int lport) {
    /** Checks that both ports are from 0 to 65535. */
    public ExposedService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(host, "host");
        Ports.check(port);
        Ports.check(lport);
    }
}
