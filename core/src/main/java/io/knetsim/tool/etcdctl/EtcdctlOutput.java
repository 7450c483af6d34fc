package io.knetsim.tool.etcdctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.kv.KvError;
import io.knetsim.kv.KvEvent;
import io.knetsim.kv.KvJson;
import io.knetsim.kv.KvNode;
import io.knetsim.tool.Invocation;

/**
 * etcdctl v2's {@code printResponseKey} in its three formats: {@code simple} (the value, or
 * {@code PrevNode.Value: V} after a delete), {@code extended} (RFC 2822-style fields) and
 * {@code json} (the Go client's {@code Response}: every node has {@code key}, {@code value},
 * {@code nodes} (null when none), {@code createdIndex} and {@code modifiedIndex}, in that
 * order, and {@code prevNode} is null when absent).
 */
final class EtcdctlOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EtcdctlOutput() {
    }

    static void printResponseKey(Invocation inv, KvEvent e, String format) {
        KvNode n = e.node();
        switch (format) {
            case "simple" -> {
                if (!e.action().equals(KvEvent.DELETE)) {
                    inv.println(value(n));
                } else {
                    inv.println("PrevNode.Value: " + (e.prevNode() == null ? "" : value(e.prevNode())));
                }
            }
            case "extended" -> {
                inv.println("Key: " + key(n));
                inv.println("Created-Index: " + n.createdIndex());
                inv.println("Modified-Index: " + n.modifiedIndex());
                if (e.prevNode() != null) {
                    inv.println("PrevNode.Value: " + value(e.prevNode()));
                }
                inv.println("TTL: " + n.ttl());
                inv.println("Index: " + e.etcdIndex());
                if (!e.action().equals(KvEvent.DELETE)) {
                    inv.println("");
                    inv.println(value(n));
                }
            }
            case "json" -> inv.println(json(e));
            default -> inv.eprintln("Unsupported output format: " + format);
        }
    }

    private static String value(KvNode n) {
        return n.value() == null ? "" : n.value();
    }

    private static String key(KvNode n) {
        return n.key() == null ? "" : n.key();
    }

    /** The Go client's {@code json.Marshal(resp)}. */
    static String json(KvEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("action", e.action());
        o.set("node", node(e.node()));
        if (e.prevNode() == null) {
            o.putNull("prevNode");
        } else {
            o.set("prevNode", node(e.prevNode()));
        }
        return o.toString();
    }

    private static ObjectNode node(KvNode n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("key", key(n));
        if (n.dir()) {
            o.put("dir", true);
        }
        o.put("value", value(n));
        if (n.nodes() == null) {
            o.putNull("nodes");
        } else {
            ArrayNode a = o.putArray("nodes");
            for (KvNode c : n.nodes()) {
                a.add(node(c));
            }
        }
        o.put("createdIndex", n.createdIndex());
        o.put("modifiedIndex", n.modifiedIndex());
        if (n.expiration() >= 0) {
            o.put("expiration", KvJson.time(n.expiration()));
        }
        if (n.ttl() != 0) {
            o.put("ttl", n.ttl());
        }
        return o;
    }

    /** The Go client's {@code json.Marshal(client.Error)}: {@code cause} is always there. */
    static String json(KvError e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("errorCode", e.errorCode());
        o.put("message", e.etcdMessage());
        o.put("cause", e.errorCause() == null ? "" : e.errorCause());
        o.put("index", e.index());
        return o.toString();
    }
}
