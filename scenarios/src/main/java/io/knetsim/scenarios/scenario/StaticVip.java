package io.knetsim.scenarios.scenario;

import io.knetsim.addr.Ipv4Address;
import java.util.List;

/**
 * One of the original labs' static VIPs, {@code C0.kp_vip_add("100.64.10.1", ["c2", "c3"])}:
 * once the world is up, every worker of {@code cluster} translates {@code vip} to one of the
 * pods' addresses ({@link io.knetsim.scenarios.cluster.Cluster#addStaticVip}).
 *
 * <pre>
 *   vips: [{cluster: C0, vip: 100.64.10.1, pods: [c2, c3]}]
 *   StaticVip.of("C0", "100.64.10.1", "c2", "c3")
 * </pre>
 *
 * @param pods names of the cluster's scenario pods ({@code clusters[].pods}), in order
 */
public record StaticVip(String cluster, Ipv4Address vip, List<String> pods) {
    public StaticVip {
        pods = pods == null ? null : List.copyOf(pods);
    }

    public static StaticVip of(String cluster, String vip, String... pods) {
        return new StaticVip(cluster, Ipv4Address.parse(vip), List.of(pods));
    }
}
