package io.knetsim.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd v2's JSON for events, nodes and errors, field for field and in etcd's order:
 *
 * <pre>
 * {"action":"set","node":{"key":"/foo","value":"bar","modifiedIndex":7,"createdIndex":7},
 *  "prevNode":{"key":"/foo","value":"old","modifiedIndex":5,"createdIndex":5}}
 * {"key":"/dir","dir":true,"expiration":"1970-01-01T00:01:40.5Z","ttl":100,"nodes":[...],...}
 * {"errorCode":100,"message":"Key not found","cause":"/foo","index":12}
 * </pre>
 *
 * Empty fields are left out as Go's {@code omitempty} does; {@code expiration} is RFC 3339
 * with nanoseconds (Go's {@code RFC3339Nano}, trailing zeros dropped), reading simulated time
 * as time since the Unix epoch.
 */
public final class KvJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KvJson() {
    }

    /** The event as etcd's HTTP API sends it (without the trailing newline). */
    public static String event(KvEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("action", e.action());
        if (e.node() != null) {
            o.set("node", node(e.node()));
        }
        if (e.prevNode() != null) {
            o.set("prevNode", node(e.prevNode()));
        }
        return write(o);
    }

    /** An error body, e.g. {@code {"errorCode":100,"message":"Key not found","cause":"/foo","index":12}}. */
    public static String error(KvError e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("errorCode", e.errorCode());
        o.put("message", e.etcdMessage());
        if (e.errorCause() != null && !e.errorCause().isEmpty()) {
            o.put("cause", e.errorCause());
        }
        o.put("index", e.index());
        return write(o);
    }

    static ObjectNode node(KvNode n) {
        ObjectNode o = MAPPER.createObjectNode();
        if (n.key() != null && !n.key().isEmpty()) {
            o.put("key", n.key());
        }
        if (n.value() != null) {
            o.put("value", n.value());
        }
        if (n.dir()) {
            o.put("dir", true);
        }
        if (n.expiration() >= 0) {
            o.put("expiration", time(n.expiration()));
        }
        if (n.ttl() != 0) {
            o.put("ttl", n.ttl());
        }
        if (n.nodes() != null && !n.nodes().isEmpty()) {
            ArrayNode a = o.putArray("nodes");
            for (KvNode c : n.nodes()) {
                a.add(node(c));
            }
        }
        if (n.modifiedIndex() != 0) {
            o.put("modifiedIndex", n.modifiedIndex());
        }
        if (n.createdIndex() != 0) {
            o.put("createdIndex", n.createdIndex());
        }
        return o;
    }

    /** Go's {@code time.RFC3339Nano} in UTC for simulated nanoseconds, e.g. {@code 1970-01-01T00:00:05.25Z}. */
    public static String time(long nanos) {
        Instant t = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        String s = t.toString();
        // Instant prints fractions in groups of three digits; Go drops every trailing zero.
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        String frac = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
        return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + "Z";
    }

    private static String write(JsonNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- decoding (the client side)

    /** Parses a JSON text; throws {@link IllegalArgumentException} naming what is wrong. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON from etcd: " + e.getOriginalMessage());
        }
    }

    /** An event body back into a {@link KvEvent}, with the index from {@code X-Etcd-Index}. */
    public static KvEvent parseEvent(JsonNode o, long etcdIndex) {
        if (!o.isObject() || !o.has("action")) {
            throw new IllegalArgumentException("invalid etcd response: no \"action\"");
        }
        return new KvEvent(o.get("action").asText(), o.has("node") ? parseNode(o.get("node")) : null,
            o.has("prevNode") ? parseNode(o.get("prevNode")) : null, etcdIndex);
    }

    /** An error body back into a {@link KvError}. */
    public static KvError parseError(JsonNode o) {
        return new KvError(o.path("errorCode").asInt(), o.path("message").asText(""),
            o.has("cause") ? o.get("cause").asText() : null, o.path("index").asLong());
    }

    static KvNode parseNode(JsonNode o) {
        List<KvNode> nodes = null;
        if (o.has("nodes")) {
            nodes = new ArrayList<>();
            for (JsonNode c : o.get("nodes")) {
                nodes.add(parseNode(c));
            }
        }
        long expiration = -1;
        if (o.has("expiration")) {
            try {
                Instant t = Instant.parse(o.get("expiration").asText());
                expiration = t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("invalid etcd response: bad expiration " + o.get("expiration"));
            }
        }
        return new KvNode(o.has("key") ? o.get("key").asText() : null,
            o.has("value") ? o.get("value").asText() : null, o.path("dir").asBoolean(false), expiration,
            o.path("ttl").asLong(0), nodes == null ? null : List.copyOf(nodes), o.path("modifiedIndex").asLong(0),
            o.path("createdIndex").asLong(0));
    }
}
