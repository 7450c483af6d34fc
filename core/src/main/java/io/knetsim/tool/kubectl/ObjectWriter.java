package io.knetsim.tool.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.api.KubeJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code -o json} and {@code -o yaml} as kubectl prints objects it read from the server: keys in
 * alphabetical order (the object is an unstructured map), empty fields left out. JSON is Go's
 * {@code MarshalIndent} with four spaces ({@code <}, {@code >} and {@code &} escaped as
 * {@code \u003c}...); YAML is go-yaml's: sequences not indented under their key, strings that
 * would read as another type ({@code "1970-01-01T00:00:05Z"}, {@code "42"}, {@code "true"},
 * {@code ""}) double-quoted, and strings with newlines as literal blocks ({@code |}):
 * <pre>
 * apiVersion: v1
 * kind: Pod
 * metadata:
 *   creationTimestamp: "1970-01-01T00:00:05Z"
 *   labels:
 *     run: web
 * spec:
 *   containers:
 *   - image: nginx
 *     name: web
 * </pre>
 * Several objects are printed as one {@code kind: List} with {@code metadata.resourceVersion: ""}.
 */
final class ObjectWriter {
    private static final Pattern NUMBER = Pattern.compile(
        "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO]?[0-7_]+"
            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|0b[01_]+");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");
    private static final java.util.Set<String> RESERVED = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "n", "N",
        "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        "null", "Null", "NULL", "~", "<<", "=");

    private ObjectWriter() {
    }

    /** The object (any Kubernetes object record) as a tree with keys sorted. */
    static JsonNode tree(Object obj) {
        return sorted(KubeJson.mapper().valueToTree(obj));
    }

    /** Objects as kubectl's {@code List}. */
    static JsonNode list(List<JsonNode> items) {
        ObjectNode l = JsonNodeFactory.instance.objectNode();
        l.put("apiVersion", "v1");
        ArrayNode a = l.putArray("items");
        items.forEach(a::add);
        l.put("kind", "List");
        l.putObject("metadata").put("resourceVersion", "");
        return l;
    }

    static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (String k : keys) {
                o.set(k, sorted(n.get(k)));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> a.add(sorted(e)));
            return a;
        }
        return n;
    }

    // ---------------------------------------------------------------- JSON

    static String json(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        json(n, 0, sb);
        return sb.append('\n').toString();
    }

    private static void json(JsonNode n, int depth, StringBuilder sb) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                sb.append("    ".repeat(depth + 1));
                jsonString(k, sb);
                sb.append(": ");
                json(n.get(k), depth + 1, sb);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append("    ".repeat(depth)).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                sb.append("    ".repeat(depth + 1));
                json(n.get(i), depth + 1, sb);
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            sb.append("    ".repeat(depth)).append(']');
        } else if (n.isTextual()) {
            jsonString(n.asText(), sb);
        } else {
            sb.append(n.toString());
        }
    }

    private static void jsonString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---------------------------------------------------------------- YAML

    static String yaml(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        if (n.isObject() && !n.isEmpty()) {
            yamlMap(n, 0, sb);
        } else if (n.isArray() && !n.isEmpty()) {
            yamlSeq(n, 0, sb);
        } else {
            sb.append(scalar(n, 0)).append('\n');
        }
        return sb.toString();
    }

    /** A mapping whose first key is written at the current position and the others at {@code indent}. */
    private static void yamlMap(JsonNode n, int indent, StringBuilder sb) {
        boolean first = true;
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!first) {
                sb.append(" ".repeat(indent));
            }
            first = false;
            sb.append(plainOrQuoted(k)).append(':');
            JsonNode v = n.get(k);
            if (v.isObject() && !v.isEmpty()) {
                sb.append('\n').append(" ".repeat(indent + 2));
                yamlMap(v, indent + 2, sb);
            } else if (v.isArray() && !v.isEmpty()) {
                sb.append('\n').append(" ".repeat(indent));
                yamlSeq(v, indent, sb);
            } else {
                sb.append(' ').append(scalar(v, indent + 2)).append('\n');
            }
        }
    }

    private static void yamlSeq(JsonNode n, int indent, StringBuilder sb) {
        for (int i = 0; i < n.size(); i++) {
            if (i > 0) {
                sb.append(" ".repeat(indent));
            }
            sb.append("- ");
            JsonNode v = n.get(i);
            if (v.isObject() && !v.isEmpty()) {
                yamlMap(v, indent + 2, sb);
            } else if (v.isArray() && !v.isEmpty()) {
                yamlSeq(v, indent + 2, sb);
            } else {
                sb.append(scalar(v, indent + 2)).append('\n');
            }
        }
    }

    private static String scalar(JsonNode v, int indent) {
        if (v.isObject()) {
            return "{}";
        }
        if (v.isArray()) {
            return "[]";
        }
        if (v.isNull()) {
            return "null";
        }
        if (!v.isTextual()) {
            return v.asText();
        }
        String s = v.asText();
        if (s.contains("\n")) {
            boolean keep = s.endsWith("\n");
            String body = keep ? s.substring(0, s.length() - 1) : s;
            StringBuilder sb = new StringBuilder(keep ? "|" : "|-");
            for (String line : body.split("\n", -1)) {
                sb.append('\n');
                if (!line.isEmpty()) {
                    sb.append(" ".repeat(indent)).append(line);
                }
            }
            return sb.toString();
        }
        return plainOrQuoted(s);
    }

    private static String plainOrQuoted(String s) {
        return needsQuotes(s) ? quoted(s) : s;
    }

    static boolean needsQuotes(String s) {
        if (s.isEmpty() || RESERVED.contains(s) || NUMBER.matcher(s).matches() || TIMESTAMP.matcher(s).matches()) {
            return true;
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return true;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
            return true;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
