package io.knetsim.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes Pod ({@code v1}): containers that share one network namespace, placed on a node
 * by the scheduler ({@code spec.nodeName}) and run by that node's kubelet, which reports the
 * pod's IP and readiness in {@code status}.
 * <pre>
 * {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default",...},
 *  "spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]}],
 *          "restartPolicy":"Always","nodeName":"C0w1"},
 *  "status":{"phase":"Running","conditions":[...],"hostIP":"10.0.0.3","podIP":"11.10.16.2",...}}
 * </pre>
 * On create the API server defaults {@code restartPolicy} to Always and each port's protocol to
 * TCP, and sets {@code status} to {@code {"phase":"Pending"}}.
 */
public record Pod(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
    implements KubeObject<Pod> {

    public static final ResourceType<Pod> TYPE = new ResourceType<>("", "v1", "Pod", "pods", true, true, Pod.class,
        Pod::withDefaults, Validation::dns1123Subdomain, p -> validateSpec(p.spec, "spec"),
        java.util.Map.of("spec.nodeName", Pod::nodeName,
            "spec.restartPolicy", p -> p.spec == null ? null : p.spec.restartPolicy(),
            "status.phase", Pod::phase, "status.podIP", p -> p.status == null ? null : p.status.podIP()));

    public Pod {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Pod" : kind;
    }

    public static Pod of(ObjectMeta metadata, PodSpec spec) {
        return new Pod(null, null, metadata, spec, null);
    }

    @Override
    public Pod withMetadata(ObjectMeta m) {
        return new Pod(apiVersion, kind, m, spec, status);
    }

    @Override
    public Pod withStatusOf(Pod other) {
        return new Pod(apiVersion, kind, metadata, spec, other.status);
    }

    public Pod withSpec(PodSpec s) {
        return new Pod(apiVersion, kind, metadata, s, status);
    }

    public Pod withStatus(PodStatus s) {
        return new Pod(apiVersion, kind, metadata, spec, s);
    }

    /** The node the pod is bound to, or null while unscheduled. */
    public String nodeName() {
        return spec == null ? null : spec.nodeName();
    }

    /** {@code status.phase}, or null. */
    public String phase() {
        return status == null ? null : status.phase();
    }

    /** Whether the Ready condition is "True". */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isReady() {
        PodCondition c = status == null ? null : status.condition("Ready");
        return c != null && "True".equals(c.status());
    }

    private Pod withDefaults() {
        return new Pod(apiVersion, kind, metadata, defaultSpec(spec), PodStatus.phase("Pending"));
    }

    /** A spec with {@code restartPolicy: Always} and TCP ports where they were left out. */
    static PodSpec defaultSpec(PodSpec s) {
        if (s == null) {
            return null;
        }
        List<Container> cs = new ArrayList<>();
        for (Container c : s.containers()) {
            List<ContainerPort> ports = new ArrayList<>();
            for (ContainerPort p : c.ports()) {
                ports.add(p.protocol() == null ? new ContainerPort(p.name(), p.hostPort(), p.containerPort(), "TCP") : p);
            }
            cs.add(c.withPorts(ports));
        }
        return new PodSpec(cs, s.restartPolicy() == null ? "Always" : s.restartPolicy(), s.nodeName());
    }

    /** Field errors of a pod spec at {@code path} ({@code spec}, or {@code spec.template.spec}). */
    static List<FieldError> validateSpec(PodSpec spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (spec == null || spec.containers().isEmpty()) {
            errs.add(FieldError.required(path + ".containers", ""));
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.containers().size(); i++) {
            Container c = spec.containers().get(i);
            String p = path + ".containers[" + i + "]";
            if (c.name() == null || c.name().isEmpty()) {
                errs.add(FieldError.required(p + ".name", ""));
            } else {
                for (String m : Validation.dns1123Label(c.name())) {
                    errs.add(FieldError.invalid(p + ".name", c.name(), m));
                }
                if (!names.add(c.name())) {
                    errs.add(FieldError.duplicate(p + ".name", c.name()));
                }
            }
            if (c.image() == null || c.image().isBlank()) {
                errs.add(FieldError.required(p + ".image", ""));
            }
            for (int j = 0; j < c.ports().size(); j++) {
                ContainerPort port = c.ports().get(j);
                String pp = p + ".ports[" + j + "]";
                if (port.containerPort() == null || port.containerPort() == 0) {
                    errs.add(FieldError.required(pp + ".containerPort", ""));
                } else if (port.containerPort() < 1 || port.containerPort() > 65535) {
                    errs.add(FieldError.invalid(pp + ".containerPort", port.containerPort(),
                        "must be between 1 and 65535, inclusive"));
                }
                if (port.protocol() != null && !List.of("TCP", "UDP", "SCTP").contains(port.protocol())) {
                    errs.add(FieldError.notSupported(pp + ".protocol", port.protocol(), "SCTP", "TCP", "UDP"));
                }
            }
        }
        String rp = spec.restartPolicy();
        if (rp != null && !List.of("Always", "OnFailure", "Never").contains(rp)) {
            errs.add(FieldError.notSupported(path + ".restartPolicy", rp, "Always", "OnFailure", "Never"));
        }
        return errs;
    }
}
