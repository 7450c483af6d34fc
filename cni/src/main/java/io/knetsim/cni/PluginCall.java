package io.knetsim.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.fs.FileTree;
import io.knetsim.net.NetNamespace;

/**
 * One call of a plugin: what a real plugin reads from stdin (the configuration, with
 * {@code name}, {@code cniVersion}, {@code prevResult} and {@code runtimeConfig} injected by
 * libcni) and from its {@code CNI_*} environment, plus the two namespaces it works in and the
 * journal its changes go to.
 *
 * <pre>
 *   host netns  (CNI_PATH plugins run here; files: /var/lib/cni, /run/flannel)
 *   container netns  (CNI_NETNS, may be null on DEL when it is already gone)
 * </pre>
 */
public final class PluginCall {
    private final Cni cni;
    private final String command;
    private final ObjectNode conf;
    private final String file;
    private final NetNamespace host;
    private final NetNamespace container;
    private final RuntimeConf runtime;
    private final Journal journal;

    PluginCall(Cni cni, String command, ObjectNode conf, String file, NetNamespace host, NetNamespace container,
               RuntimeConf runtime, Journal journal) {
        this.cni = cni;
        this.command = command;
        this.conf = conf;
        this.file = file;
        this.host = host;
        this.container = container;
        this.runtime = runtime;
        this.journal = journal;
    }

    /** {@code ADD}, {@code DEL} or {@code CHECK}. */
    public String command() {
        return command;
    }

    /** The configuration as the plugin gets it on stdin. */
    public ObjectNode conf() {
        return conf;
    }

    /** The configuration file it came from, for messages. */
    public String file() {
        return file;
    }

    public String cniVersion() {
        return conf.path("cniVersion").asText();
    }

    public String networkName() {
        return conf.path("name").asText();
    }

    public NetNamespace host() {
        return host;
    }

    public FileTree hostFiles() {
        return host.files();
    }

    /** The container's namespace, or null when its path does not resolve. */
    public NetNamespace container() {
        return container;
    }

    /** The container's namespace; code 3 when it does not exist (on ADD and CHECK). */
    public NetNamespace requireContainer() throws CniError {
        if (container == null) {
            throw new CniError(CniError.CONTAINER_UNKNOWN, "failed to open netns \"" + runtime.netns()
                + "\": no such file or directory");
        }
        return container;
    }

    public RuntimeConf runtime() {
        return runtime;
    }

    public Journal journal() {
        return journal;
    }

    /** Registers an undo step for the change just made. */
    public void onRollback(Runnable step) {
        journal.onRollback(step);
    }

    /** The {@code prevResult} libcni injected, or null. */
    public CniResult prevResult() throws CniError {
        JsonNode p = conf.get("prevResult");
        return p == null || p.isNull() ? null : CniResult.fromJson(p);
    }

    /** The {@code prevResult} a CHECK needs, or the reference plugins' "Required prevResult missing". */
    public CniResult requirePrevResult() throws CniError {
        CniResult prev = prevResult();
        if (prev == null) {
            throw new CniError(CniError.INTERNAL, "Required prevResult missing");
        }
        return prev;
    }

    // ---- delegation (invoke.DelegateAdd / DelegateDel / DelegateCheck) -----------------------

    /** Runs the plugin {@code type} with {@code delegateConf} in the same namespaces and journal. */
    public CniResult delegateAdd(String type, ObjectNode delegateConf) throws CniError {
        return cni.delegate(this, type, delegateConf, "ADD");
    }

    public void delegateDel(String type, ObjectNode delegateConf) throws CniError {
        cni.delegate(this, type, delegateConf, "DEL");
    }

    public void delegateCheck(String type, ObjectNode delegateConf) throws CniError {
        cni.delegate(this, type, delegateConf, "CHECK");
    }

    PluginCall with(String command, ObjectNode conf) {
        return new PluginCall(cni, command, conf, file, host, container, runtime, journal);
    }

    // ---- reading the configuration ------------------------------------------------------------

    /** A string field, or {@code def} when absent; code 7 naming the field when not a string. */
    public String string(JsonNode node, String path, String field, String def) throws CniError {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isTextual()) {
            throw CniError.invalidConfig(file, path + field, "expected a string, got " + v);
        }
        return v.asText();
    }

    /** A boolean field (Go's JSON: true/false only), or {@code def}. */
    public boolean bool(JsonNode node, String path, String field, boolean def) throws CniError {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isBoolean()) {
            throw CniError.invalidConfig(file, path + field, "expected true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** A whole-number field in [min, max], or {@code def}. */
    public int integer(JsonNode node, String path, String field, int def, int min, int max) throws CniError {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw CniError.invalidConfig(file, path + field, "expected a whole number from " + min + " to " + max
                + ", got " + v);
        }
        return v.asInt();
    }

    /** A CIDR field such as {@code "10.244.1.0/24"} (host bits kept), or null when absent. */
    public Cidr cidr(JsonNode node, String path, String field) throws CniError {
        String s = string(node, path, field, null);
        if (s == null) {
            return null;
        }
        try {
            if (!s.contains("/")) {
                throw new IllegalArgumentException();
            }
            return Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            throw CniError.invalidConfig(file, path + field, "invalid CIDR address: " + s);
        }
    }

    /** An IPv4 address field, or null when absent. */
    public Ipv4Address address(JsonNode node, String path, String field) throws CniError {
        String s = string(node, path, field, null);
        if (s == null) {
            return null;
        }
        if (!Ipv4Address.isValid(s)) {
            throw CniError.invalidConfig(file, path + field, "invalid IP address: " + s);
        }
        return Ipv4Address.parse(s);
    }

    /** Code 7 for field {@code field} (a dotted path such as {@code ipam.ranges[0][0].subnet}). */
    public CniError invalid(String field, String what) {
        return CniError.invalidConfig(file, field, what);
    }

    /** Code 2 for a field the real plugin has but knetsim does not model. */
    public void unsupported(JsonNode node, String path, String... fields) throws CniError {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && !v.isNull() && !(v.isBoolean() && !v.asBoolean())) {
                throw new CniError(CniError.UNSUPPORTED_FIELD, file + ": unsupported field \"" + path + f + "\": " + v,
                    "knetsim does not model " + f + " for the " + conf.path("type").asText() + " plugin");
            }
        }
    }
}
