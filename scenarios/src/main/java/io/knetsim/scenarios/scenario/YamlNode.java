package io.knetsim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written: a mapping (keys in order, each with its
 * own position), a list, or a scalar with the token Jackson read it as. The scenario loader
 * binds these by hand, so every error can name the line and column of the value at fault.
 */
final class YamlNode {
    enum Kind { MAP, LIST, SCALAR }

    final Kind kind;
    /** The path from the root, as errors name it: {@code clusters[0].workers[1].address}. */
    final String path;
    final int line;
    final int column;
    final Map<String, YamlNode> fields = new LinkedHashMap<>();
    final Map<String, int[]> keyPositions = new LinkedHashMap<>();
    final List<YamlNode> items = new ArrayList<>();
    final String text;
    final JsonToken token;

    private YamlNode(Kind kind, String path, JsonLocation at, String text, JsonToken token) {
        this.kind = kind;
        this.path = path;
        this.line = at.getLineNr();
        this.column = at.getColumnNr();
        this.text = text;
        this.token = token;
    }

    boolean isNull() {
        return kind == Kind.SCALAR && token == JsonToken.VALUE_NULL;
    }

    /** What it is, for "expected X, got Y" messages. */
    String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case SCALAR -> switch (token) {
                case VALUE_NULL -> "nothing";
                case VALUE_NUMBER_INT -> "the integer " + text;
                case VALUE_NUMBER_FLOAT -> "the number " + text;
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                default -> "the string '" + text + "'";
            };
        };
    }

    /** Reads the one document of {@code text}; YAML syntax errors are thrown located in {@code file}. */
    static YamlNode read(String file, String text) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            if (p.nextToken() == null) {
                throw new ScenarioException(file, 1, 1, "", "the file is empty: expected a scenario (a mapping with "
                    + "clusters and steps)");
            }
            YamlNode root = node(p, "", file);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), "",
                    "a second YAML document: expected one scenario per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // snakeyaml's text: context and problem lines, each followed by indented "in 'reader', line ..." lines
            String why = String.join(": ", e.getOriginalMessage().lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
            throw new ScenarioException(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(), "",
                "invalid YAML: " + why);
        } catch (IOException e) {
            throw new ScenarioException(file, 1, 1, "", "cannot read: " + e.getMessage());
        }
    }

    private static YamlNode node(JsonParser p, String path, String file) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            YamlNode map = new YamlNode(Kind.MAP, path, at, null, t);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation keyAt = p.currentTokenLocation();
                if (map.fields.containsKey(key)) {
                    throw new ScenarioException(file, keyAt.getLineNr(), keyAt.getColumnNr(), path,
                        "duplicate field '" + key + "'");
                }
                p.nextToken();
                map.keyPositions.put(key, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                map.fields.put(key, node(p, path.isEmpty() ? key : path + "." + key, file));
            }
            return map;
        }
        if (t == JsonToken.START_ARRAY) {
            YamlNode list = new YamlNode(Kind.LIST, path, at, null, t);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.items.add(node(p, path + "[" + list.items.size() + "]", file));
            }
            return list;
        }
        return new YamlNode(Kind.SCALAR, path, at, t == JsonToken.VALUE_NULL ? null : p.getText(), t);
    }
}
