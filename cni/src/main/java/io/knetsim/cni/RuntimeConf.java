package io.knetsim.cni;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the runtime passes besides the network configuration ({@code libcni.RuntimeConf}): the
 * container ID ({@code CNI_CONTAINERID}), the netns path ({@code CNI_NETNS}), the interface name
 * ({@code CNI_IFNAME}), {@code CNI_ARGS} pairs, and capability arguments that libcni hands to
 * plugins declaring the capability as {@code runtimeConfig}.
 *
 * @param containerId    e.g. the pod sandbox ID, or {@code cnitool-<20 hex>}
 * @param netns          e.g. {@code /var/run/netns/c1}
 * @param ifName         e.g. {@code eth0}
 * @param args           {@code CNI_ARGS} as ordered pairs
 * @param capabilityArgs e.g. {@code portMappings} to a JSON array
 */
public record RuntimeConf(String containerId, String netns, String ifName, List<Map.Entry<String, String>> args,
                          Map<String, JsonNode> capabilityArgs) {

    public RuntimeConf {
        args = List.copyOf(args);
        capabilityArgs = Map.copyOf(capabilityArgs);
    }

    /** A runtime config with no CNI_ARGS and no capability arguments. */
    public static RuntimeConf of(String containerId, String netns, String ifName) {
        return new RuntimeConf(containerId, netns, ifName, List.of(), Map.of());
    }

    /** {@code CNI_ARGS} as the environment variable spells it: {@code K1=V1;K2=V2}. */
    public String argsString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : args) {
            sb.append(sb.length() == 0 ? "" : ";").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
