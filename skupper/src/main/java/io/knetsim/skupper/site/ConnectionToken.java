package io.knetsim.skupper.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection token as {@code skupper token create FILE} writes it and
 * {@code skupper link create FILE} reads it: a Kubernetes Secret labelled
 * {@code skupper.io/type: connection-token} whose annotations say where the issuing site's
 * router accepts inter-router and edge links, and which site issued it.
 *
 * <pre>
 *   # knetsim connection token: no certificates (TLS is not modelled), so data holds none.
 *   apiVersion: v1
 *   kind: Secret
 *   metadata:
 *     annotations:
 *       edge-host: 10.0.0.3
 *       edge-port: "45671"
 *       inter-router-host: 10.0.0.3
 *       inter-router-port: "55671"
 *       skupper.io/generated-by: C0
 *       skupper.io/site-version: 1.0.2
 *     creationTimestamp: null
 *     labels:
 *       skupper.io/type: connection-token
 *     name: skupper
 *   type: kubernetes.io/tls
 * </pre>
 *
 * The shape is real Skupper's certificate token (keys in the order Go's YAML encoder writes
 * them); real tokens also carry {@code data} with {@code ca.crt}, {@code tls.crt} and
 * {@code tls.key}, which knetsim leaves out because it does not model TLS.
 * {@code skupper.io/generated-by} holds the issuing site's id (real Skupper: the site's UID; here
 * the cluster name, which is also its router id), so that a site refuses a token of its own.
 *
 * @param name the Secret's name
 * @param interRouterHost where interior routers connect
 * @param interRouterPort the inter-router port
 * @param edgeHost where edge routers connect
 * @param edgePort the edge port
 * @param generatedBy the issuing site's id, if the token says
 * @param siteVersion the issuing site's version, if the token says
 */
public record ConnectionToken(String name, String interRouterHost, int interRouterPort, String edgeHost,
                              int edgePort, Optional<String> generatedBy, Optional<String> siteVersion) {
    /** The label whose value marks a Secret as a token. */
    public static final String TYPE_LABEL = "skupper.io/type";
    /** The value of {@link #TYPE_LABEL} on a certificate token. */
    public static final String TYPE_TOKEN = "connection-token";
    /** The annotation naming the issuing site. */
    public static final String GENERATED_BY = "skupper.io/generated-by";
    /** The annotation with the issuing site's version. */
    public static final String SITE_VERSION = "skupper.io/site-version";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Checks the ports (1-65535). */
    public ConnectionToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interRouterHost, "interRouterHost");
        Objects.requireNonNull(edgeHost, "edgeHost");
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(siteVersion, "siteVersion");
        if (interRouterPort < 1 || interRouterPort > 65535 || edgePort < 1 || edgePort > 65535) {
            throw new IllegalArgumentException("token ports must be from 1 to 65535");
        }
    }

    /** The token as a Secret in YAML, as {@code skupper token create} writes the file. */
    public String toYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("# knetsim connection token: no certificates (TLS is not modelled), so data holds none.\n");
        sb.append("apiVersion: v1\n");
        sb.append("kind: Secret\n");
        sb.append("metadata:\n");
        sb.append("  annotations:\n");
        sb.append("    edge-host: ").append(edgeHost).append('\n');
        sb.append("    edge-port: \"").append(edgePort).append("\"\n");
        sb.append("    inter-router-host: ").append(interRouterHost).append('\n');
        sb.append("    inter-router-port: \"").append(interRouterPort).append("\"\n");
        generatedBy.ifPresent(g -> sb.append("    ").append(GENERATED_BY).append(": ").append(g).append('\n'));
        siteVersion.ifPresent(v -> sb.append("    ").append(SITE_VERSION).append(": ").append(v).append('\n'));
        sb.append("  creationTimestamp: null\n");
        sb.append("  labels:\n");
        sb.append("    ").append(TYPE_LABEL).append(": ").append(TYPE_TOKEN).append('\n');
        sb.append("  name: ").append(name).append('\n');
        sb.append("type: kubernetes.io/tls\n");
        return sb.toString();
    }

    /**
     * Reads a token file.
     *
     * @param text the file's contents
     * @param file the file name that error messages start with
     * @throws SkupperException naming the file and the field that is missing or wrong
     */
    public static ConnectionToken parse(String text, String file) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SkupperException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SkupperException(file + ": expected a Kubernetes Secret (a YAML mapping with kind: Secret)");
        }
        String kind = root.path("kind").asText(null);
        if (kind == null) {
            throw missing(file, "kind");
        }
        if (!kind.equals("Secret")) {
            throw new SkupperException(file + ": kind: expected Secret, got " + kind);
        }
        JsonNode meta = root.path("metadata");
        String type = meta.path("labels").path(TYPE_LABEL).asText(null);
        if (type == null) {
            throw missing(file, "metadata.labels." + TYPE_LABEL);
        }
        if (!type.equals(TYPE_TOKEN)) {
            throw new SkupperException(file + ": metadata.labels." + TYPE_LABEL + ": expected " + TYPE_TOKEN + ", got "
                + type + (type.equals("token-claim") ? " (claim tokens are not supported; knetsim writes certificate tokens)"
                : ""));
        }
        JsonNode ann = meta.path("annotations");
        String irHost = required(file, ann, "inter-router-host");
        int irPort = port(file, ann, "inter-router-port");
        String edgeHost = ann.has("edge-host") ? ann.path("edge-host").asText() : irHost;
        int edgePort = ann.has("edge-port") ? port(file, ann, "edge-port") : 45671;
        String name = meta.path("name").asText("skupper");
        return new ConnectionToken(name, irHost, irPort, edgeHost, edgePort,
            Optional.ofNullable(ann.path(GENERATED_BY).asText(null)), Optional.ofNullable(ann.path(SITE_VERSION).asText(null)));
    }

    private static String required(String file, JsonNode ann, String key) {
        JsonNode v = ann.get(key);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw missing(file, "metadata.annotations." + key);
        }
        return v.asText();
    }

    private static int port(String file, JsonNode ann, String key) {
        String s = required(file, ann, key);
        if (!s.matches("\\d{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            throw new SkupperException(file + ": metadata.annotations." + key + ": expected a port from 1 to 65535, got "
                + s);
        }
        return Integer.parseInt(s);
    }

    private static SkupperException missing(String file, String field) {
        return new SkupperException(file + ": " + field + ": required but missing (is this a token from 'skupper token create'?)");
    }
}
