package io.knetsim.cni;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A network: its name, CNI version and the plugins run in order for ADD (reversed for DEL),
 * as a {@code .conflist} holds it. A single-plugin {@code .conf} is up-converted into a list of
 * one, as libcni does.
 *
 * @param name         the network name ({@code "cbr0"})
 * @param cniVersion   the version every plugin is called with and results are given in
 * @param disableCheck CHECK does nothing when true
 * @param plugins      each plugin's configuration, with at least {@code type}
 * @param file         where it came from (for messages), or {@code <bytes>}
 */
public record NetworkConfigList(String name, String cniVersion, boolean disableCheck, List<ObjectNode> plugins,
                                String file) {
    public NetworkConfigList {
        plugins = plugins.stream().map(ObjectNode::deepCopy).toList();
    }

    /** The plugin types in order, e.g. {@code [flannel, portmap]}. */
    public List<String> types() {
        return plugins.stream().map(p -> p.path("type").asText()).toList();
    }
}
