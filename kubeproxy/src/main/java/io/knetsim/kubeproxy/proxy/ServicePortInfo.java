package io.knetsim.kubeproxy.proxy;

import java.util.List;

/**
 * One port of one Service as kube-proxy programs it ({@code servicePortInfo}), with its
 * usable endpoints.
 *
 * @param namespace       the Service's namespace
 * @param name            the Service's name
 * @param portName        the port's name ("" when unnamed)
 * @param protocol        tcp, udp or sctp (lower case, as nft writes it)
 * @param clusterIP       the cluster IP
 * @param port            the service port
 * @param nodePort        the node port, 0 when none
 * @param localExternal   externalTrafficPolicy Local
 * @param affinityTimeout ClientIP session affinity timeout in seconds, 0 when none
 * @param endpoints       ready endpoints, sorted by address then port
 */
public record ServicePortInfo(String namespace, String name, String portName, String protocol, String clusterIP,
    int port, int nodePort, boolean localExternal, int affinityTimeout, List<EndpointInfo> endpoints) {

    /** One endpoint of a service port: the pod's address, its target port and node. */
    public record EndpointInfo(String ip, int port, String nodeName) {
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    public ServicePortInfo {
        endpoints = List.copyOf(endpoints);
    }

    /** {@code ns/name:portName}, as kube-proxy's logs and comments name it. */
    public String nameString() {
        return namespace + "/" + name + (portName.isEmpty() ? "" : ":" + portName);
    }

    /** {@code HASH-ns/name/proto/portName}. */
    public String chainBase() {
        return ChainNames.servicePortBase(namespace, name, protocol, portName);
    }

    public String serviceChain() {
        return "service-" + chainBase();
    }

    public String externalChain() {
        return "external-" + chainBase();
    }

    public String localChain() {
        return "local-" + chainBase();
    }

    public String endpointChain(EndpointInfo e) {
        return "endpoint-" + ChainNames.endpointBase(namespace, name, protocol, portName, e.ip(), e.port());
    }
}
