package io.knetsim.kubeproxy.proxy;

import java.util.List;
import java.util.Map;

/**
 * What one service port contributes to {@code table ip kube-proxy}: its elements of the table's
 * shared sets and verdict maps (each as nft writes it, {@code key : verdict} for a map), its own
 * chains and its ClientIP affinity sets. A full sync writes the union of all ports'; a partial
 * sync writes the difference between a changed service's old and new ones.
 *
 * @param clusterIp          the element of {@code cluster-ips}
 * @param serviceIps         elements of {@code service-ips}
 * @param serviceNodePorts   elements of {@code service-nodeports}
 * @param noEndpointServices elements of {@code no-endpoint-services}
 * @param noEndpointNodePorts elements of {@code no-endpoint-nodeports}
 * @param chains             chain name to its rules (each line {@code \t\t...\n}), in the order written
 * @param sets               affinity set name to its declaration lines, in the order written
 */
record ServicePortRules(String clusterIp, List<String> serviceIps, List<String> serviceNodePorts,
    List<String> noEndpointServices, List<String> noEndpointNodePorts, Map<String, String> chains,
    Map<String, String> sets) {
}
