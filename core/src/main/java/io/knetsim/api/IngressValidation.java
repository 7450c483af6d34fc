package io.knetsim.api;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.api.Ingress.IngressBackend;
import io.knetsim.api.Ingress.IngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API server's checks of an Ingress ({@code ValidateIngressSpec} of
 * pkg/apis/networking/validation), with its messages: a rule or a default backend is required,
 * hosts are DNS names ({@code *.} allowed in front, never an IP), each path has a pathType,
 * Exact and Prefix paths are absolute and clean, a backend names a Service and one port.
 */
final class IngressValidation {
    private static final Pattern WILDCARD =
        Pattern.compile("\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String WILDCARD_MSG = "a wildcard DNS-1123 subdomain must start with '*.', followed by a "
        + "valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
        + "alphanumeric character (e.g. '*.example.com', regex used for validation is "
        + "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final List<String> BAD_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> BAD_SUFFIXES = List.of("/..", "/.");

    private IngressValidation() {
    }

    static List<FieldError> validate(Ingress ing) {
        List<FieldError> errs = new ArrayList<>();
        Ingress.IngressSpec s = ing.spec() == null ? new Ingress.IngressSpec(null, null, null) : ing.spec();
        if (s.rules().isEmpty() && s.defaultBackend() == null) {
            errs.add(FieldError.invalid("spec", null, "either `defaultBackend` or `rules` must be specified"));
        }
        if (s.defaultBackend() != null) {
            backend(s.defaultBackend(), "spec.defaultBackend", errs);
        }
        for (int i = 0; i < s.rules().size(); i++) {
            IngressRule r = s.rules().get(i);
            String at = "spec.rules[" + i + "]";
            String host = r.host();
            if (host != null && !host.isEmpty()) {
                if (Ipv4Address.isValid(host)) {
                    errs.add(FieldError.invalid(at + ".host", host, "must be a DNS name, not an IP address"));
                }
                if (host.contains("*")) {
                    if (!WILDCARD.matcher(host).matches()) {
                        errs.add(FieldError.invalid(at + ".host", host, WILDCARD_MSG));
                    }
                } else {
                    for (String m : Validation.dns1123Subdomain(host)) {
                        errs.add(FieldError.invalid(at + ".host", host, m));
                    }
                }
            }
            if (r.http() != null) {
                if (r.http().paths().isEmpty()) {
                    errs.add(FieldError.required(at + ".http.paths", ""));
                }
                for (int j = 0; j < r.http().paths().size(); j++) {
                    path(r.http().paths().get(j), at + ".http.paths[" + j + "]", errs);
                }
            }
        }
        if (s.ingressClassName() != null) {
            for (String m : Validation.dns1123Subdomain(s.ingressClassName())) {
                errs.add(FieldError.invalid("spec.ingressClassName", s.ingressClassName(), m));
            }
        }
        return errs;
    }

    private static void path(HTTPIngressPath p, String at, List<FieldError> errs) {
        String type = p.pathType();
        if (type == null || type.isEmpty()) {
            errs.add(FieldError.required(at + ".pathType", "pathType must be specified"));
            return;
        }
        String path = p.path() == null ? "" : p.path();
        switch (type) {
            case HTTPIngressPath.EXACT, HTTPIngressPath.PREFIX -> {
                if (!path.startsWith("/")) {
                    errs.add(FieldError.invalid(at + ".path", path, "must be an absolute path"));
                }
                for (String seq : BAD_SEQUENCES) {
                    if (path.contains(seq)) {
                        errs.add(FieldError.invalid(at + ".path", path, "must not contain '" + seq + "'"));
                    }
                }
                for (String suffix : BAD_SUFFIXES) {
                    if (path.endsWith(suffix)) {
                        errs.add(FieldError.invalid(at + ".path", path, "cannot end with '" + suffix + "'"));
                    }
                }
            }
            case HTTPIngressPath.IMPLEMENTATION_SPECIFIC -> {
                if (!path.isEmpty() && !path.startsWith("/")) {
                    errs.add(FieldError.invalid(at + ".path", path, "must be an absolute path"));
                }
            }
            default -> errs.add(FieldError.notSupported(at + ".pathType", type,
                HTTPIngressPath.EXACT, HTTPIngressPath.IMPLEMENTATION_SPECIFIC, HTTPIngressPath.PREFIX));
        }
        backend(p.backend(), at + ".backend", errs);
    }

    private static void backend(IngressBackend b, String at, List<FieldError> errs) {
        if (b == null || b.service() == null) {
            errs.add(FieldError.invalid(at, "", "resource or service backend is required"));
            return;
        }
        String name = b.service().name();
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required(at + ".service.name", ""));
        } else {
            for (String m : Validation.dns1123Label(name)) {
                errs.add(FieldError.invalid(at + ".service.name", name, m));
            }
        }
        Ingress.ServiceBackendPort port = b.service().port();
        boolean hasName = port != null && port.name() != null && !port.name().isEmpty();
        boolean hasNumber = port != null && port.number() != null && port.number() != 0;
        if (hasName && hasNumber) {
            errs.add(FieldError.invalid(at, "", "cannot set both port name & port number"));
        } else if (hasNumber && (port.number() < 1 || port.number() > 65535)) {
            errs.add(FieldError.invalid(at + ".service.port.number", port.number(),
                "must be between 1 and 65535, inclusive"));
        } else if (!hasName && !hasNumber) {
            errs.add(FieldError.required(at, "port name or number is required"));
        }
    }
}
