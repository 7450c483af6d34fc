package io.knetsim.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.NetnsRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * libcni, in-process: runs a network's plugins for a container and keeps the result cache.
 * The kubelet and {@code cnitool} call it.
 *
 * <pre>
 *   ADD    plugins[0] -> result -> plugins[1] (prevResult) -> ... -> cache, return result
 *   DEL    plugins[n-1] ... plugins[0], each with the cached result as prevResult; drop the cache
 *   CHECK  each plugin with the cached result (0.4.0 and later; nothing when disableCheck)
 * </pre>
 *
 * <p>Each plugin's configuration gets {@code name} and {@code cniVersion} of the list,
 * {@code prevResult} (the result so far, in the list's version) and {@code runtimeConfig} (the
 * capability arguments the plugin declares in {@code capabilities}), as libcni injects them.
 * Every plugin type and version is checked before the first plugin runs, and a failed ADD undoes
 * everything the plugins made (devices, addresses, allocations, files): the runtime never sees a
 * half-made container. Errors carry libcni's context: {@code plugin type="bridge" failed (add): ...}.
 *
 * <p>The result cache is {@code /var/lib/cni/results/NETWORK-CONTAINERID-IFNAME} in the host's files.
 */
public final class Cni {
    /** Where the plugins live, as kubelet and the labs set {@code CNI_PATH}. */
    public static final String DEFAULT_CNI_PATH = "/opt/cni/bin";
    /** libcni's cache dir. */
    public static final String CACHE_DIR = "/var/lib/cni";

    private final PluginRegistry plugins;
    private final List<String> cniPath;
    /**
     * The result cache's {@code config} field (the whole list as JSON, in Base64) for the last
     * lists written, by identity: a kubelet hands the same parsed list for every pod until its
     * file changes, so the encoding is made once per list, not once per pod.
     */
    private final java.util.Map<ListIdentity, String> encodedConfigs = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<ListIdentity, String> e) {
            return size() > 16;
        }
    };

    /** A list compared by identity (its plugins are mutable JSON trees, so equality would walk them). */
    private record ListIdentity(NetworkConfigList list) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ListIdentity other && other.list == list;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(list);
        }
    }

    /** libcni with the plugins installed in {@link #DEFAULT_CNI_PATH}. */
    public Cni(PluginRegistry plugins) {
        this(plugins, List.of(DEFAULT_CNI_PATH));
    }

    /** libcni with {@code CNI_PATH} split into {@code cniPath}: the text of "plugin not found" errors. */
    public Cni(PluginRegistry plugins, List<String> cniPath) {
        this.plugins = plugins;
        this.cniPath = List.copyOf(cniPath);
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    // ---- ADD ------------------------------------------------------------------------------------

    /** ADD, the container's namespace resolved from {@code rt.netns()} on {@code host} ({@code ip netns}). */
    public CniResult addNetworkList(NetworkConfigList list, NetNamespace host, RuntimeConf rt) throws CniError {
        return addNetworkList(list, host, NetnsRegistry.resolvePath(host, rt.netns()), rt);
    }

    /**
     * ADD of every plugin of {@code list} for the container {@code container} (its path in
     * {@code rt.netns()} is what results call the sandbox). On error, nothing is left made.
     */
    public CniResult addNetworkList(NetworkConfigList list, NetNamespace host, NetNamespace container, RuntimeConf rt)
        throws CniError {
        List<CniPlugin> ps = resolve(list, "add");
        requireEnv(list, rt, true, "add");
        Journal journal = new Journal();
        CniResult result = null;
        try {
            for (int i = 0; i < ps.size(); i++) {
                ObjectNode conf = buildConf(list, list.plugins().get(i), result, rt);
                PluginCall call = new PluginCall(this, "ADD", conf, list.file(), host, container, rt, journal);
                try {
                    result = run(ps.get(i), call);
                } catch (CniError e) {
                    throw e.withContext(describe(list.plugins().get(i)) + " failed (add): ");
                }
            }
            if (result == null) {
                result = new CniResult();
            }
            writeCache(list, host, rt, result);
        } catch (CniError | RuntimeException e) {
            journal.rollback();
            throw e;
        }
        return result;
    }

    // ---- DEL ------------------------------------------------------------------------------------

    public void delNetworkList(NetworkConfigList list, NetNamespace host, RuntimeConf rt) throws CniError {
        delNetworkList(list, host, NetnsRegistry.resolvePath(host, rt.netns()), rt);
    }

    /** DEL of every plugin, last first; succeeds when things are already gone. */
    public void delNetworkList(NetworkConfigList list, NetNamespace host, NetNamespace container, RuntimeConf rt)
        throws CniError {
        List<CniPlugin> ps = resolve(list, "delete");
        requireEnv(list, rt, false, "delete");
        CniResult cached = CniVersion.hasCheck(list.cniVersion()) ? cachedResult(list, host, rt) : null;
        Journal journal = new Journal();
        for (int i = ps.size() - 1; i >= 0; i--) {
            ObjectNode conf = buildConf(list, list.plugins().get(i), cached, rt);
            try {
                run(ps.get(i), new PluginCall(this, "DEL", conf, list.file(), host, container, rt, journal));
            } catch (CniError e) {
                throw e.withContext(describe(list.plugins().get(i)) + " failed (delete): ");
            }
        }
        host.files().delete(cachePath(list, rt));
    }

    // ---- CHECK ----------------------------------------------------------------------------------

    public void checkNetworkList(NetworkConfigList list, NetNamespace host, RuntimeConf rt) throws CniError {
        checkNetworkList(list, host, NetnsRegistry.resolvePath(host, rt.netns()), rt);
    }

    /** CHECK of every plugin with the cached result; changes nothing. */
    public void checkNetworkList(NetworkConfigList list, NetNamespace host, NetNamespace container, RuntimeConf rt)
        throws CniError {
        if (!CniVersion.hasCheck(list.cniVersion())) {
            throw new CniError(CniError.LIBCNI, "configuration version \"" + list.cniVersion()
                + "\" does not support the CHECK command");
        }
        if (list.disableCheck()) {
            return;
        }
        List<CniPlugin> ps = resolve(list, "check");
        requireEnv(list, rt, true, "check");
        CniResult cached = cachedResult(list, host, rt);
        Journal journal = new Journal();
        for (int i = 0; i < ps.size(); i++) {
            ObjectNode conf = buildConf(list, list.plugins().get(i), cached, rt);
            try {
                run(ps.get(i), new PluginCall(this, "CHECK", conf, list.file(), host, container, rt, journal));
            } catch (CniError e) {
                throw e.withContext(describe(list.plugins().get(i)) + " failed (check): ");
            }
        }
    }

    // ---- VERSION --------------------------------------------------------------------------------

    /** VERSION of a plugin: {@code {"cniVersion": "1.0.0", "supportedVersions": [...]}}. */
    public ObjectNode version(String type) throws CniError {
        CniPlugin p = plugins.get(type);
        if (p == null) {
            throw notFound(type);
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("cniVersion", CniVersion.V1_0_0);
        p.supportedVersions().forEach(o.putArray("supportedVersions")::add);
        return o;
    }

    /** The cached result of the last successful ADD for this network, container and interface, or null. */
    public CniResult cachedResult(NetworkConfigList list, NetNamespace host, RuntimeConf rt) throws CniError {
        String s = host.files().readString(cachePath(list, rt));
        if (s == null) {
            return null;
        }
        try {
            return CniResult.fromJson(Json.MAPPER.readTree(s).path("result"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CniError(CniError.DECODE_FAILURE, "failed to read cached network config: " + e.getOriginalMessage());
        }
    }

    /** {@code /var/lib/cni/results/NETWORK-CONTAINERID-IFNAME}. */
    public static String cachePath(NetworkConfigList list, RuntimeConf rt) {
        return CACHE_DIR + "/results/" + list.name() + "-" + rt.containerId() + "-" + rt.ifName();
    }

    // ---- internals ------------------------------------------------------------------------------

    CniResult delegate(PluginCall parent, String type, ObjectNode conf, String command) throws CniError {
        CniPlugin p = plugins.get(type);
        if (p == null) {
            throw notFound(type);
        }
        CniVersion.check(conf.path("cniVersion").asText("0.1.0"), p.supportedVersions(), parent.file());
        return run(p, parent.with(command, conf));
    }

    /** Runs one plugin command, turning a kernel or file error into the CNI error a plugin would print. */
    private static CniResult run(CniPlugin p, PluginCall call) throws CniError {
        try {
            switch (call.command()) {
                case "ADD" -> {
                    return p.add(call);
                }
                case "DEL" -> p.del(call);
                default -> p.check(call);
            }
            return null;
        } catch (NetlinkException e) {
            throw new CniError(CniError.INTERNAL, e.getMessage());
        } catch (IllegalStateException e) {
            throw new CniError(CniError.IO_FAILURE, e.getMessage());
        }
    }

    private List<CniPlugin> resolve(NetworkConfigList list, String verb) throws CniError {
        List<CniPlugin> out = new ArrayList<>();
        for (ObjectNode conf : list.plugins()) {
            String type = conf.path("type").asText();
            CniPlugin p = plugins.get(type);
            if (p == null) {
                throw notFound(type).withContext(describe(conf) + " failed (" + verb + "): ");
            }
            try {
                CniVersion.check(list.cniVersion(), p.supportedVersions(), list.file());
            } catch (CniError e) {
                throw e.withContext(describe(conf) + " failed (" + verb + "): ");
            }
            out.add(p);
        }
        return out;
    }

    private CniError notFound(String type) {
        return new CniError(CniError.LIBCNI, "failed to find plugin \"" + type + "\" in path [" + String.join(" ", cniPath)
            + "]");
    }

    /** libcni's {@code pluginDescription}: {@code plugin type="bridge"} and its name if the plugin has one. */
    private static String describe(ObjectNode conf) {
        String s = "plugin type=\"" + conf.path("type").asText() + "\"";
        String name = conf.path("name").asText("");
        return name.isEmpty() ? s : s + " name=\"" + name + "\"";
    }

    private static void requireEnv(NetworkConfigList list, RuntimeConf rt, boolean needNetns, String verb)
        throws CniError {
        List<String> missing = new ArrayList<>();
        if (rt.containerId() == null || rt.containerId().isEmpty()) {
            missing.add("CNI_CONTAINERID");
        }
        if (needNetns && (rt.netns() == null || rt.netns().isEmpty())) {
            missing.add("CNI_NETNS");
        }
        if (rt.ifName() == null || rt.ifName().isEmpty()) {
            missing.add("CNI_IFNAME");
        }
        String ctx = describe(list.plugins().get(0)) + " failed (" + verb + "): ";
        if (!missing.isEmpty()) {
            throw new CniError(CniError.INVALID_ENV, "required env variables [" + String.join(" ", missing) + "] missing")
                .withContext(ctx);
        }
        if (rt.ifName().length() > 15) {
            throw new CniError(CniError.INVALID_ENV, "interface name is too long", "interface name should be less "
                + "than 16 characters").withContext(ctx);
        }
        if (rt.ifName().contains("/") || rt.ifName().contains(":") || rt.ifName().chars().anyMatch(Character::isWhitespace)
            || rt.ifName().equals(".") || rt.ifName().equals("..")) {
            throw new CniError(CniError.INVALID_ENV, "interface name contains / or : or whitespace characters")
                .withContext(ctx);
        }
    }

    /** libcni's {@code buildOneConfig}: name, cniVersion, prevResult and runtimeConfig injected. */
    private static ObjectNode buildConf(NetworkConfigList list, ObjectNode plugin, CniResult prev, RuntimeConf rt) {
        ObjectNode c = plugin.deepCopy();
        c.put("name", list.name());
        c.put("cniVersion", list.cniVersion());
        if (prev != null) {
            c.set("prevResult", prev.toJson(list.cniVersion()));
        }
        ObjectNode rc = Json.MAPPER.createObjectNode();
        JsonNode caps = plugin.path("capabilities");
        for (Map.Entry<String, JsonNode> cap : rt.capabilityArgs().entrySet()) {
            if (caps.path(cap.getKey()).asBoolean(false)) {
                rc.set(cap.getKey(), cap.getValue());
            }
        }
        if (!rc.isEmpty()) {
            c.set("runtimeConfig", rc);
        }
        return c;
    }

    /** The list as libcni caches it: {@code {"cniVersion", "name", "plugins"}} as JSON, in Base64. */
    private static String encodeConfig(NetworkConfigList list) {
        ObjectNode conf = Json.MAPPER.createObjectNode();
        conf.put("cniVersion", list.cniVersion());
        conf.put("name", list.name());
        list.plugins().forEach(conf.putArray("plugins")::add);
        return Base64.getEncoder().encodeToString(conf.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeCache(NetworkConfigList list, NetNamespace host, RuntimeConf rt, CniResult result) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", "cniCacheV1");
        o.put("containerId", rt.containerId());
        o.put("config", encodedConfigs.computeIfAbsent(new ListIdentity(list), k -> encodeConfig(list)));
        o.put("ifName", rt.ifName());
        o.put("networkName", list.name());
        o.put("netns", rt.netns());
        if (!rt.args().isEmpty()) {
            var a = o.putArray("cniArgs");
            rt.args().forEach(e -> a.addArray().add(e.getKey()).add(e.getValue()));
        }
        if (!rt.capabilityArgs().isEmpty()) {
            ObjectNode c = o.putObject("capabilityArgs");
            rt.capabilityArgs().forEach(c::set);
        }
        o.set("result", result.toJson(list.cniVersion()));
        host.files().write(cachePath(list, rt), o.toString());
    }
}
