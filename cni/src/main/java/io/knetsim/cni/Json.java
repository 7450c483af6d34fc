package io.knetsim.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON as CNI's Go code writes it: {@link #pretty} is {@code json.MarshalIndent(v, "", "    ")}
 * (four spaces, {@code "key": value}, no trailing newline), {@link #sortedCompact} is
 * {@code json.Marshal} of a Go map (keys sorted, no spaces).
 */
public final class Json {
    /** The one mapper of the module: thread-safe, configuration never changed after this line. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code json.MarshalIndent(node, "", "    ")}. */
    public static String pretty(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode n, String indent) {
        String inner = indent + "    ";
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(inner).append(quote(e.getKey())).append(": ");
                write(sb, e.getValue(), inner);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                sb.append(inner);
                write(sb, n.get(i), inner);
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else {
            sb.append(n.toString());
        }
    }

    private static String quote(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s).toString();
    }

    /**
     * Whether parsing {@code n.toString()} gives {@code n} back node for node: true unless a
     * floating-point value is not finite (Jackson writes {@code NaN} or {@code Infinity}, which
     * its parser rejects) or a number node is of a kind the parser does not make.
     */
    public static boolean roundTrips(JsonNode n) {
        if (n.isContainerNode()) {
            for (JsonNode x : n) {
                if (!roundTrips(x)) {
                    return false;
                }
            }
            return true;
        }
        if (n.isNumber()) {
            return n.isInt() || n.isLong() && (n.longValue() < Integer.MIN_VALUE || n.longValue() > Integer.MAX_VALUE)
                || n.isDouble() && Double.isFinite(n.doubleValue());
        }
        return !n.isPojo() && !n.isBinary();
    }

    /** {@code json.Marshal} of a Go {@code map[string]interface{}}: keys sorted at every level, compact. */
    public static String sortedCompact(JsonNode node) {
        return sorted(node).toString();
    }

    /**
     * A copy of {@code n} with the keys of every object sorted, as {@link #sortedCompact} prints it:
     * new objects and arrays, the (immutable) values shared.
     */
    public static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            ObjectNode o = MAPPER.createObjectNode();
            for (String k : keys) {
                o.set(k, sorted(n.get(k)));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = MAPPER.createArrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }
}
