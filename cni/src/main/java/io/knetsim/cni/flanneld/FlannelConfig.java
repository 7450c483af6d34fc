package io.knetsim.cni.flanneld;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;

/**
 * The flannel network configuration, the JSON value of {@code /coreos.com/network/config}:
 *
 * <pre>
 *   {"Network": "11.0.0.0/8", "SubnetLen": 20, "SubnetMin": "11.10.0.0", "SubnetMax": "11.99.0.0",
 *    "Backend": {"Type": "vxlan", "VNI": 100, "Port": 8472}}
 * </pre>
 *
 * Defaults as flannel fills them: {@code SubnetLen} 24 when {@code Network} is a /22 or larger,
 * otherwise the network's length plus two (four subnets); {@code SubnetMin} the second subnet
 * (flannel skips the first); {@code SubnetMax} the last; {@code Backend} absent means flannel's
 * historical default {@code udp}. Errors use flannel's messages.
 */
public record FlannelConfig(Cidr network, int subnetLen, Ipv4Address subnetMin, Ipv4Address subnetMax,
                            String backendType, ObjectNode backend) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses and completes a configuration. */
    public static FlannelConfig parse(String json) throws FlannelConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FlannelConfigException("error parsing network config: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new FlannelConfigException("error parsing network config: expected a JSON object");
        }
        Cidr network = cidr(root.get("Network"));
        int subnetLen = root.path("SubnetLen").asInt(0);
        if (subnetLen > 0) {
            if (subnetLen > 30) {
                throw new FlannelConfigException("SubnetLen must be less than /31");
            }
            if (subnetLen < network.prefixLength() + 2) {
                throw new FlannelConfigException("Network must be able to accommodate at least four subnets");
            }
        } else if (network.prefixLength() > 28) {
            throw new FlannelConfigException("Network is too small. Minimum useful network prefix is /28");
        } else {
            subnetLen = network.prefixLength() <= 22 ? 24 : network.prefixLength() + 2;
        }
        int size = 1 << (32 - subnetLen);
        Ipv4Address min = address(root, "SubnetMin");
        if (min == null) {
            min = network.address().plus(size);
        } else if (!network.contains(min)) {
            throw new FlannelConfigException("SubnetMin is not in the range of the Network");
        }
        Ipv4Address max = address(root, "SubnetMax");
        if (max == null) {
            max = network.broadcast().plus(1 - size);
        } else if (!network.contains(max)) {
            throw new FlannelConfigException("SubnetMax is not in the range of the Network");
        }
        int mask = Cidr.maskBits(subnetLen);
        if ((min.bits() & mask) != min.bits()) {
            throw new FlannelConfigException("SubnetMin is not on a SubnetLen boundary: " + min);
        }
        if ((max.bits() & mask) != max.bits()) {
            throw new FlannelConfigException("SubnetMax is not on a SubnetLen boundary: " + max);
        }
        JsonNode be = root.get("Backend");
        ObjectNode backend;
        String type;
        if (be == null || be.isNull()) {
            backend = JsonNodeFactory.instance.objectNode();
            type = "udp";
        } else if (!be.isObject()) {
            throw new FlannelConfigException("error decoding Backend property of config: expected an object");
        } else {
            backend = (ObjectNode) be;
            type = be.path("Type").asText("");
        }
        return new FlannelConfig(network, subnetLen, min, max, type, backend);
    }

    private static Cidr cidr(JsonNode n) throws FlannelConfigException {
        if (n == null || !n.isTextual()) {
            throw new FlannelConfigException("error parsing network config: Network: expected an IPv4 CIDR such as "
                + "\"11.0.0.0/8\"");
        }
        try {
            Cidr c = Cidr.parse(n.asText());
            return c.network();
        } catch (IllegalArgumentException e) {
            throw new FlannelConfigException("error parsing network config: Network: invalid CIDR \"" + n.asText()
                + "\": expected an IPv4 CIDR such as \"11.0.0.0/8\"");
        }
    }

    private static Ipv4Address address(JsonNode root, String field) throws FlannelConfigException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || !Ipv4Address.isValid(n.asText())) {
            throw new FlannelConfigException("error parsing network config: " + field + ": invalid IPv4 address \""
                + n.asText() + "\"");
        }
        return Ipv4Address.parse(n.asText());
    }

    /** An integer field of the Backend object, or {@code dflt}. */
    public int backendInt(String field, int dflt) {
        JsonNode n = backend.get(field);
        return n != null && n.canConvertToInt() ? n.asInt() : dflt;
    }
}
