package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes Node ({@code v1}, cluster-scoped): a worker, its pod CIDR, its addresses and
 * whether it is Ready. The scheduler only places pods on Ready, schedulable nodes. Its name is an
 * RFC 1123 subdomain: the kubelet registers a host {@code C0w1} as node {@code c0w1}, lowercased,
 * as the real kubelet does with its hostname.
 * <pre>
 * {"apiVersion":"v1","kind":"Node","metadata":{"name":"c0w1"},
 *  "spec":{"podCIDR":"11.10.16.0/20","podCIDRs":["11.10.16.0/20"]},
 *  "status":{"conditions":[{"type":"Ready","status":"True",...}],
 *            "addresses":[{"type":"InternalIP","address":"10.0.0.3"},{"type":"Hostname","address":"c0w1"}]}}
 * </pre>
 */
public record Node(String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status)
    implements KubeObject<Node> {

    public static final ResourceType<Node> TYPE = new ResourceType<>("", "v1", "Node", "nodes", false, true,
        Node.class, n -> n, Validation::dns1123Subdomain, Node::validate,
        java.util.Map.of("spec.unschedulable", n -> Boolean.toString(n.isUnschedulable())));

    public Node {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Node" : kind;
    }

    /**
     * A node as a kubelet registers it: a pod CIDR, the InternalIP and Hostname addresses, and
     * a Ready condition (True with reason KubeletReady, or False with KubeletNotReady).
     */
    public static Node of(String name, String podCidr, String internalIp, boolean ready, long nowNanos) {
        String t = ApiTime.format(nowNanos);
        NodeCondition c = ready
            ? new NodeCondition("Ready", "True", t, t, "KubeletReady", "kubelet is posting ready status")
            : new NodeCondition("Ready", "False", t, t, "KubeletNotReady", "container runtime network not ready");
        return new Node(null, null, ObjectMeta.named(name), podCidr == null ? null : NodeSpec.withPodCidr(podCidr),
            new NodeStatus(List.of(c), List.of(NodeAddress.internalIp(internalIp), NodeAddress.hostname(name))));
    }

    /** Whether the Ready condition is "True". */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isReady() {
        NodeCondition c = status == null ? null : status.condition("Ready");
        return c != null && "True".equals(c.status());
    }

    /** Whether {@code spec.unschedulable} is set (a cordoned node). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isUnschedulable() {
        return spec != null && Boolean.TRUE.equals(spec.unschedulable());
    }

    @Override
    public Node withMetadata(ObjectMeta m) {
        return new Node(apiVersion, kind, m, spec, status);
    }

    @Override
    public Node withStatusOf(Node other) {
        return new Node(apiVersion, kind, metadata, spec, other.status);
    }

    public Node withStatus(NodeStatus s) {
        return new Node(apiVersion, kind, metadata, spec, s);
    }

    public Node withSpec(NodeSpec s) {
        return new Node(apiVersion, kind, metadata, s, status);
    }

    static List<FieldError> validate(Node n) {
        List<FieldError> errs = new ArrayList<>();
        if (n.spec != null) {
            if (n.spec.podCIDR() != null && !isCidr(n.spec.podCIDR())) {
                errs.add(FieldError.invalid("spec.podCIDRs", n.spec.podCIDR(), "must be a valid CIDR"));
            }
            for (int i = 0; i < n.spec.podCIDRs().size(); i++) {
                if (!isCidr(n.spec.podCIDRs().get(i))) {
                    errs.add(FieldError.invalid("spec.podCIDRs[" + i + "]", n.spec.podCIDRs().get(i),
                        "must be a valid CIDR"));
                }
            }
        }
        return errs;
    }

    private static boolean isCidr(String s) {
        try {
            io.knetsim.addr.Cidr.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
