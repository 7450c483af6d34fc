package io.knetsim.api;

/**
 * One port of a Service ({@code v1.ServicePort}): clients connect to {@code port} on the cluster
 * IP (and to {@code nodePort} on every node for NodePort services); kube-proxy sends them to
 * {@code targetPort} on the endpoints, a number or the name of a container port.
 * <pre>{"name":"http","protocol":"TCP","port":8888,"targetPort":9376,"nodePort":30080}</pre>
 */
public record ServicePort(String name, String protocol, Integer port, IntOrString targetPort, Integer nodePort) {
    public static ServicePort tcp(int port, int targetPort) {
        return new ServicePort(null, null, port, IntOrString.of(targetPort), null);
    }

    public ServicePort withName(String n) {
        return new ServicePort(n, protocol, port, targetPort, nodePort);
    }

    public ServicePort withProtocol(String p) {
        return new ServicePort(name, p, port, targetPort, nodePort);
    }

    public ServicePort withTargetPort(IntOrString t) {
        return new ServicePort(name, protocol, port, t, nodePort);
    }

    public ServicePort withNodePort(Integer n) {
        return new ServicePort(name, protocol, port, targetPort, n);
    }
}
