package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes Service ({@code v1}): a stable virtual IP and ports in front of the pods its
 * selector picks. kube-proxy on every node turns it, with its EndpointSlices, into rules.
 * <pre>
 * {"apiVersion":"v1","kind":"Service","metadata":{"name":"hostnames","namespace":"default"},
 *  "spec":{"clusterIP":"10.96.45.12","clusterIPs":["10.96.45.12"],"internalTrafficPolicy":"Cluster",
 *          "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
 *          "ports":[{"port":8888,"protocol":"TCP","targetPort":9376}],
 *          "selector":{"app":"hostnames"},"sessionAffinity":"None","type":"ClusterIP"}}
 * </pre>
 * On create the API server defaults {@code type} (ClusterIP), {@code sessionAffinity} (None;
 * ClientIP gets a 10800 s timeout), each port's {@code protocol} (TCP) and {@code targetPort}
 * (the port), {@code externalTrafficPolicy} (Cluster, for node ports) and
 * {@code internalTrafficPolicy} (Cluster); it then allocates the cluster IP and node ports
 * through the {@link ServiceAllocator} its cluster installed.
 */
public record Service(String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec)
    implements KubeObject<Service> {

    public static final ResourceType<Service> TYPE = new ResourceType<>("", "v1", "Service", "services", true, false,
        Service.class, Service::withDefaults, Validation::dns1123Label, ServiceValidation::validate,
        java.util.Map.of("spec.clusterIP", s -> s.spec == null ? null : s.spec.clusterIP(),
            "spec.type", s -> s.spec == null ? null : s.spec.type()));

    public Service {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Service" : kind;
    }

    public static Service of(ObjectMeta metadata, ServiceSpec spec) {
        return new Service(null, null, metadata, spec);
    }

    @Override
    public Service withMetadata(ObjectMeta m) {
        return new Service(apiVersion, kind, m, spec);
    }

    public Service withSpec(ServiceSpec s) {
        return new Service(apiVersion, kind, metadata, s);
    }

    @Override
    public List<FieldError> validateUpdate(Service old) {
        List<FieldError> errs = new ArrayList<>();
        String was = old.spec() == null ? null : old.spec().clusterIP();
        String now = spec == null ? null : spec.clusterIP();
        if (was != null && !was.isEmpty() && now != null && !now.isEmpty() && !was.equals(now)) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", now, "may not change once set"));
        }
        return errs;
    }

    private Service withDefaults() {
        ServiceSpec s = spec == null ? ServiceSpec.clusterIP(null) : spec;
        String type = s.type() == null || s.type().isEmpty() ? ServiceSpec.CLUSTER_IP : s.type();
        String affinity = s.sessionAffinity() == null || s.sessionAffinity().isEmpty() ? "None" : s.sessionAffinity();
        SessionAffinityConfig cfg = s.sessionAffinityConfig();
        if ("ClientIP".equals(affinity) && (cfg == null || cfg.timeoutSeconds() == null)) {
            cfg = SessionAffinityConfig.timeout(10800);
        }
        String etp = s.externalTrafficPolicy();
        if ((etp == null || etp.isEmpty()) && s.withType(type).hasNodePorts()) {
            etp = "Cluster";
        }
        String itp = s.internalTrafficPolicy();
        if ((itp == null || itp.isEmpty()) && !ServiceSpec.EXTERNAL_NAME.equals(type)) {
            itp = "Cluster";
        }
        List<ServicePort> ports = new ArrayList<>();
        for (ServicePort p : s.ports()) {
            ServicePort d = p.protocol() == null || p.protocol().isEmpty() ? p.withProtocol("TCP") : p;
            if (d.targetPort() == null || (d.targetPort().isInt() && d.targetPort().intVal() == 0)
                || (!d.targetPort().isInt() && d.targetPort().strVal().isEmpty())) {
                d = d.withTargetPort(d.port() == null ? null : IntOrString.of(d.port()));
            }
            ports.add(d);
        }
        return withSpec(s.withDefaults(type, affinity, cfg, etp, itp, ports));
    }
}
