package io.knetsim.cni.flanneld;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Ipv4Address;

/**
 * What a lease says about its worker, stored as the lease key's JSON value:
 * {@code {"PublicIP":"10.0.0.3","PublicIPv6":null,"BackendType":"vxlan","BackendData":{"VNI":100,"VtepMAC":"..."}}}.
 * The field order is flannel's.
 */
public record LeaseAttrs(Ipv4Address publicIp, String backendType, ObjectNode backendData) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON value flannel writes. */
    public String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("PublicIP", publicIp.toString());
        o.putNull("PublicIPv6");
        o.put("BackendType", backendType);
        o.set("BackendData", backendData == null ? JsonNodeFactory.instance.nullNode() : backendData);
        return o.toString();
    }

    /** Reads a lease value; throws {@link IllegalArgumentException} naming what is wrong. */
    public static LeaseAttrs parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lease is not JSON: " + e.getOriginalMessage());
        }
        String ip = n == null ? "" : n.path("PublicIP").asText("");
        if (!Ipv4Address.isValid(ip)) {
            throw new IllegalArgumentException("lease PublicIP: invalid IPv4 address \"" + ip + "\"");
        }
        JsonNode data = n.get("BackendData");
        return new LeaseAttrs(Ipv4Address.parse(ip), n.path("BackendType").asText(""),
            data != null && data.isObject() ? (ObjectNode) data : null);
    }
}
