package io.knetsim.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The API server's checks of a Service's spec ({@code ValidateService}), with its messages. */
final class ServiceValidation {
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private ServiceValidation() {
    }

    static List<FieldError> validate(Service svc) {
        List<FieldError> errs = new ArrayList<>();
        ServiceSpec s = svc.spec();
        String type = s.type();
        if (!List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort").contains(type)) {
            errs.add(FieldError.notSupported("spec.type", type, "ClusterIP", "ExternalName", "LoadBalancer",
                "NodePort"));
            return errs;
        }
        boolean external = ServiceSpec.EXTERNAL_NAME.equals(type);
        if (external) {
            if (s.externalName() == null || s.externalName().isEmpty()) {
                errs.add(FieldError.required("spec.externalName", ""));
            }
        } else if (s.ports().isEmpty() && !s.isHeadless()) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        String ip = s.clusterIP();
        if (ip != null && !ip.isEmpty() && !s.isHeadless() && !IPV4.matcher(ip).matches()) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
        if (s.isHeadless() && s.hasNodePorts()) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", ip, "may not be set to 'None' for " + type + " services"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < s.ports().size(); i++) {
            ServicePort p = s.ports().get(i);
            String path = "spec.ports[" + i + "]";
            if (p.name() == null || p.name().isEmpty()) {
                if (s.ports().size() > 1) {
                    errs.add(FieldError.required(path + ".name", ""));
                }
            } else {
                for (String m : portNameErrors(p.name())) {
                    errs.add(FieldError.invalid(path + ".name", p.name(), m));
                }
                if (!names.add(p.name())) {
                    errs.add(FieldError.duplicate(path + ".name", p.name()));
                }
            }
            if (p.port() == null || p.port() < 1 || p.port() > 65535) {
                errs.add(FieldError.invalid(path + ".port", p.port() == null ? 0 : p.port(),
                    "must be between 1 and 65535, inclusive"));
            }
            if (!List.of("TCP", "UDP", "SCTP").contains(p.protocol())) {
                errs.add(FieldError.notSupported(path + ".protocol", p.protocol(), "SCTP", "TCP", "UDP"));
            }
            IntOrString t = p.targetPort();
            if (t != null && t.isInt() && (t.intVal() < 1 || t.intVal() > 65535)) {
                errs.add(FieldError.invalid(path + ".targetPort", t.intVal(), "must be between 1 and 65535, inclusive"));
            } else if (t != null && !t.isInt()) {
                for (String m : portNameErrors(t.strVal())) {
                    errs.add(FieldError.invalid(path + ".targetPort", t.strVal(), m));
                }
            }
            if (p.nodePort() != null && p.nodePort() != 0 && !s.hasNodePorts()) {
                errs.add(FieldError.forbidden(path + ".nodePort", "may not be used when `type` is '" + type + "'"));
            }
        }
        String affinity = s.sessionAffinity();
        if (!external && !List.of("ClientIP", "None").contains(affinity)) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, "ClientIP", "None"));
        }
        Integer timeout = s.sessionAffinityConfig() == null ? null : s.sessionAffinityConfig().timeoutSeconds();
        if ("ClientIP".equals(affinity) && timeout != null && (timeout <= 0 || timeout > 86400)) {
            errs.add(FieldError.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                "must be greater than 0 and less than 86400"));
        }
        String etp = s.externalTrafficPolicy();
        if (etp != null && !etp.isEmpty()) {
            if (!s.hasNodePorts()) {
                errs.add(FieldError.invalid("spec.externalTrafficPolicy", etp,
                    "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
            } else if (!List.of("Cluster", "Local").contains(etp)) {
                errs.add(FieldError.notSupported("spec.externalTrafficPolicy", etp, "Cluster", "Local"));
            }
        }
        String itp = s.internalTrafficPolicy();
        if (itp != null && !itp.isEmpty() && !List.of("Cluster", "Local").contains(itp)) {
            errs.add(FieldError.notSupported("spec.internalTrafficPolicy", itp, "Cluster", "Local"));
        }
        errs.addAll(Validation.labels(s.selector(), "spec.selector"));
        return errs;
    }

    /** {@code IsValidPortName}: an IANA service name. */
    static List<String> portNameErrors(String port) {
        List<String> out = new ArrayList<>();
        if (port.length() < 1 || port.length() > 15) {
            out.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARS.matcher(port).matches()) {
            out.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!port.chars().anyMatch(c -> c >= 'a' && c <= 'z')) {
            out.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            out.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
            out.add("must not begin or end with a hyphen");
        }
        return out;
    }
}
