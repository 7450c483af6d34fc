package io.knetsim.cni.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniPlugin;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.Json;
import io.knetsim.cni.PluginCall;
import io.knetsim.fs.FileTree;

/**
 * The {@code flannel} meta-plugin: reads {@code subnet.env} and hands the real work to a
 * delegate ({@code bridge} unless {@code delegate.type} says otherwise) with {@code host-local}
 * IPAM on this host's lease, exactly as flannel's CNI plugin builds the delegate:
 *
 * <pre>
 *   subnet.env: FLANNEL_NETWORK=11.0.0.0/8 FLANNEL_SUBNET=11.10.16.1/20 FLANNEL_MTU=1450 FLANNEL_IPMASQ=true
 *   delegate:   {"cniVersion": ..., "hairpinMode": true, "ipMasq": false, "ipam": {"ranges": [[{"subnet":
 *                "11.10.16.0/20"}]], "routes": [{"dst": "11.0.0.0/8"}], "type": "host-local"},
 *                "isDefaultGateway": true, "isGateway": true, "mtu": 1450, "name": "cbr0", "type": "bridge"}
 * </pre>
 *
 * <ul>
 *   <li>{@code name} is the network's; {@code type} defaults to {@code bridge}; {@code ipMasq} defaults to
 *       {@code !FLANNEL_IPMASQ} (if flanneld does not masquerade, the bridge must); {@code mtu} to
 *       {@code FLANNEL_MTU}; for a bridge, {@code isGateway} to true; {@code cniVersion} is the network's;</li>
 *   <li>{@code ipam}: the configuration's own, {@code type} defaulting to host-local, {@code ranges} set to
 *       the lease, {@code routes} its own routes followed by one to {@code FLANNEL_NETWORK};</li>
 *   <li>the delegate configuration is saved, compact with sorted keys as Go marshals a map, to
 *       {@code <dataDir>/<containerID>} (default {@code /var/lib/cni/flannel}), and DEL reads it back,
 *       runs the delegate's DEL and removes it; DEL without it succeeds doing nothing.</li>
 * </ul>
 *
 * A delegate with {@code name} or {@code ipam} is refused, as flannel refuses it. A missing
 * subnet.env is code 11 (try again later: flanneld has not leased a subnet yet).
 */
public final class FlannelPlugin implements CniPlugin {
    public static final String DEFAULT_DATA_DIR = "/var/lib/cni/flannel";

    @Override
    public String type() {
        return "flannel";
    }

    @Override
    public CniResult add(PluginCall call) throws CniError {
        ObjectNode n = call.conf();
        String subnetFile = call.string(n, "", "subnetFile", FlannelSubnetEnv.DEFAULT_PATH);
        String dataDir = call.string(n, "", "dataDir", DEFAULT_DATA_DIR);
        JsonNode d = n.get("delegate");
        ObjectNode delegate;
        if (d == null || d.isNull()) {
            delegate = Json.MAPPER.createObjectNode();
        } else {
            if (!d.isObject()) {
                throw call.invalid("delegate", "expected an object, got " + d);
            }
            delegate = (ObjectNode) d.deepCopy();
            if (delegate.has("type") && !delegate.get("type").isTextual()) {
                throw call.invalid("delegate.type", "'delegate' dictionary, if present, must have (string) 'type' field");
            }
            if (delegate.has("name")) {
                throw call.invalid("delegate.name", "'delegate' dictionary must not have 'name' field, it'll be set by flannel");
            }
            if (delegate.has("ipam")) {
                throw call.invalid("delegate.ipam", "'delegate' dictionary must not have 'ipam' field, it'll be set by flannel");
            }
        }
        JsonNode ipamIn = n.get("ipam");
        if (ipamIn != null && !ipamIn.isNull() && !ipamIn.isObject()) {
            throw call.invalid("ipam", "expected an object, got " + ipamIn);
        }
        FlannelSubnetEnv env = FlannelSubnetEnv.read(call.hostFiles(), subnetFile);
        if (n.has("runtimeConfig")) {
            delegate.set("runtimeConfig", n.get("runtimeConfig"));
        }
        delegate.put("name", call.networkName());
        if (!delegate.has("type")) {
            delegate.put("type", "bridge");
        }
        if (!delegate.has("ipMasq")) {
            delegate.put("ipMasq", !env.ipMasq());
        }
        if (!delegate.has("mtu")) {
            delegate.put("mtu", env.mtu());
        }
        if (delegate.get("type").asText().equals("bridge") && !delegate.has("isGateway")) {
            delegate.put("isGateway", true);
        }
        if (!call.cniVersion().isEmpty()) {
            delegate.put("cniVersion", call.cniVersion());
        }
        ObjectNode ipam = ipamIn == null || ipamIn.isNull() ? Json.MAPPER.createObjectNode() : (ObjectNode) ipamIn.deepCopy();
        if (!ipam.has("type")) {
            ipam.put("type", "host-local");
        }
        ipam.putArray("ranges").addArray().addObject().put("subnet", env.subnet().toString());
        JsonNode oldRoutes = ipam.get("routes");
        ArrayNode routes = Json.MAPPER.createArrayNode();
        if (oldRoutes != null && oldRoutes.isArray()) {
            oldRoutes.forEach(routes::add);
        } else if (oldRoutes != null && !oldRoutes.isNull()) {
            throw call.invalid("ipam.routes", "failed to parse ipam.routes: expected a list, got " + oldRoutes);
        }
        routes.addObject().put("dst", env.network().toString());
        ipam.set("routes", routes);
        delegate.set("ipam", ipam);

        ObjectNode sorted = (ObjectNode) Json.sorted(delegate);
        String saved = sorted.toString();
        call.journal().write(call.hostFiles(), FileTree.normalize(dataDir) + "/" + call.runtime().containerId(), saved);
        // the delegate gets what flannel saved; the sorted copy is that tree unless a number does not round-trip
        ObjectNode conf = Json.roundTrips(sorted) ? sorted : (ObjectNode) Json.MAPPER.valueToTree(readBack(saved));
        try {
            return call.delegateAdd(conf.get("type").asText(), conf);
        } catch (CniError e) {
            throw e.wrapInPlugin("failed to delegate add: ");
        }
    }

    private static JsonNode readBack(String json) throws CniError {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CniError(CniError.DECODE_FAILURE, "failed to parse netconf: " + e.getOriginalMessage());
        }
    }

    @Override
    public void del(PluginCall call) throws CniError {
        String dataDir = call.string(call.conf(), "", "dataDir", DEFAULT_DATA_DIR);
        String path = FileTree.normalize(dataDir) + "/" + call.runtime().containerId();
        String saved = call.hostFiles().readString(path);
        if (saved == null) {
            return; // per the spec, resources already gone are not an error
        }
        JsonNode conf;
        try {
            conf = Json.MAPPER.readTree(saved);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return; // flannel logs "failed to parse netconf" and leaves the rest to a reboot
        }
        if (!conf.isObject() || !conf.path("type").isTextual()) {
            return;
        }
        call.delegateDel(conf.get("type").asText(), (ObjectNode) conf);
        call.hostFiles().delete(path);
    }

    /** Flannel's CHECK does nothing: the reference plugin leaves it unimplemented. */
    @Override
    public void check(PluginCall call) {
    }
}
