package io.knetsim.cni.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.knetsim.cni.Cni;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.Json;
import io.knetsim.cni.NetworkConfigList;
import io.knetsim.cni.NetworkConfigs;
import io.knetsim.cni.PluginRegistry;
import io.knetsim.cni.RuntimeConf;
import io.knetsim.fs.FileTree;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetnsRegistry;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cnitool add|check|del NETWORK NETNS}: runs a network's plugins for a network namespace of
 * this host, as the CNI project's cnitool does, reading from the environment:
 *
 * <pre>
 *   NETCONFPATH  where the configurations are (default /etc/cni/net.d)
 *   CNI_PATH     where the plugins are (default here: /opt/cni/bin, where every built-in plugin is)
 *   CNI_IFNAME   the interface to make (default eth0)
 *   CNI_ARGS     K1=V1;K2=V2
 *   CAP_ARGS     capability arguments as JSON, e.g. {"portMappings": [...]}
 *
 *   knetsim> C0w1 NETCONFPATH=/etc/cni/net.d cnitool add mynet /var/run/netns/c1
 * </pre>
 *
 * The container ID is {@code cnitool-} and the first 10 bytes, in hex, of the SHA-512 of the netns
 * path. ADD prints the result indented by four spaces with no newline after it; errors go to
 * stderr with exit status 1. A relative netns path is taken from {@code /}. {@code gc} and
 * {@code status} are not modelled: they, and any other verb, print the usage and exit 1.
 */
public final class Cnitool implements Command {
    private final PluginRegistry plugins;

    public Cnitool(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    @Override
    public String name() {
        return "cnitool";
    }

    @Override
    public String synopsis() {
        return "cnitool add|check|del NETWORK NETNS: run a CNI network's plugins for a netns (NETCONFPATH, CNI_IFNAME, "
            + "CNI_ARGS, CAP_ARGS)";
    }

    @Override
    public void start(Invocation inv) {
        inv.exit(run(inv));
    }

    private int run(Invocation inv) {
        List<String> a = inv.args();
        if (a.size() < 3 || !List.of("add", "check", "del").contains(a.get(0))) {
            inv.eprint("""
                cnitool: Add, check, or remove network interfaces from a network namespace
                  cnitool add   <net> <netns>
                  cnitool check <net> <netns>
                  cnitool del   <net> <netns>
                """);
            return 1;
        }
        NetNamespace host = NetnsRegistry.hostOf(inv.ns());
        String dir = env(inv, "NETCONFPATH", NetworkConfigs.DEFAULT_DIR);
        try {
            NetworkConfigList list = NetworkConfigs.loadByName(host.files(), dir, a.get(1));
            Map<String, JsonNode> caps = new LinkedHashMap<>();
            String capArgs = inv.env("CAP_ARGS");
            if (capArgs != null && !capArgs.isEmpty()) {
                JsonNode c = Json.MAPPER.readTree(capArgs);
                if (!c.isObject()) {
                    inv.eprintln("json: cannot unmarshal " + c.getNodeType().toString().toLowerCase() + " into Go value of "
                        + "type map[string]interface {}");
                    return 1;
                }
                c.fields().forEachRemaining(e -> caps.put(e.getKey(), e.getValue()));
            }
            List<Map.Entry<String, String>> args = new ArrayList<>();
            String cniArgs = inv.env("CNI_ARGS");
            if (cniArgs != null && !cniArgs.isEmpty()) {
                for (String pair : cniArgs.split(";", -1)) {
                    String[] kv = pair.split("=", -1);
                    if (kv.length != 2 || kv[0].isEmpty() || kv[1].isEmpty()) {
                        inv.eprintln("invalid CNI_ARGS pair \"" + pair + "\"");
                        return 1;
                    }
                    args.add(Map.entry(kv[0], kv[1]));
                }
            }
            String ifName = inv.env("CNI_IFNAME") != null ? inv.env("CNI_IFNAME") : "eth0";
            String netns = FileTree.normalize(a.get(2).startsWith("/") ? a.get(2) : "/" + a.get(2));
            RuntimeConf rt = new RuntimeConf(containerId(netns), netns, ifName, args, caps);
            String path = env(inv, "CNI_PATH", Cni.DEFAULT_CNI_PATH);
            Cni cni = new Cni(plugins, path.isEmpty() ? List.of() : List.of(path.split(":")));
            switch (a.get(0)) {
                case "add" -> {
                    CniResult r = cni.addNetworkList(list, host, rt);
                    inv.print(r.print(list.cniVersion()));
                }
                case "check" -> cni.checkNetworkList(list, host, rt);
                default -> cni.delNetworkList(list, host, rt);
            }
            return 0;
        } catch (CniError e) {
            inv.eprintln(e.getMessage());
            return 1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            inv.eprintln(e.getOriginalMessage());
            return 1;
        }
    }

    private static String env(Invocation inv, String name, String def) {
        String v = inv.env(name);
        return v == null || v.isEmpty() ? def : v;
    }

    /** {@code cnitool-} and the first 10 bytes of SHA-512(netns) in hex. */
    public static String containerId(String netns) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-512").digest(netns.getBytes(StandardCharsets.UTF_8));
            return "cnitool-" + HexFormat.of().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JVM", e);
        }
    }
}
