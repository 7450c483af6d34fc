package io.knetsim.tool.kubectl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.knetsim.api.ApiServer;
import io.knetsim.api.KubeJson;
import io.knetsim.api.KubeObject;
import io.knetsim.api.ResourceType;
import io.knetsim.fs.FileTree;
import io.knetsim.tool.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the manifests of {@code -f FILE} from the host's files ({@link FileTree}; a relative
 * path is taken from {@code /root}, the shell's home): YAML or JSON, several documents separated
 * by {@code ---}, empty documents skipped. Every document is checked before anything is sent to
 * the API server, so a malformed file changes nothing; the errors read as kubectl's:
 * <pre>
 * error: the path "web.yaml" does not exist
 * error: error parsing web.yaml: error converting YAML to JSON: yaml: line 4: ...
 * error: error validating "web.yaml": error validating data: [apiVersion not set, kind not set]; if you choose ...
 * error: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "Foo" in version "v1"
 * Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as
 *   a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
 * </pre>
 * Fields knetsim does not model are ignored (as {@code --validate=false} would), so manifests
 * written for a real cluster load.
 */
public final class Manifests {
    /** The directory relative paths are resolved against. */
    static final String HOME = "/root";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One decoded document of a manifest file. */
    record Doc(String source, int index, ResourceType<?> type, KubeObject<?> object, JsonNode json) {
    }

    private Manifests() {
    }

    static String path(String file) {
        return file.startsWith("/") ? FileTree.normalize(file) : FileTree.normalize(HOME + "/" + file);
    }

    /** Every document of {@code file}, decoded, with namespaces filled from {@code namespace} where missing. */
    static List<Doc> read(FileTree files, ApiServer api, String file, String namespace, boolean namespaceExplicit) {
        String p = path(file);
        if (!files.exists(p)) {
            throw new UsageException("error: the path \"" + file + "\" does not exist", 1);
        }
        if (files.isDirectory(p)) {
            List<Doc> all = new ArrayList<>();
            for (String child : files.list(p)) {
                if (child.endsWith(".yaml") || child.endsWith(".yml") || child.endsWith(".json")) {
                    all.addAll(read(files, api, p + "/" + child, namespace, namespaceExplicit));
                }
            }
            return all;
        }
        return decodeText(api, file, new String(files.read(p), StandardCharsets.UTF_8), namespace, namespaceExplicit);
    }

    /**
     * The Kubernetes objects of a manifest text (YAML or JSON, documents separated by
     * {@code ---}), decoded and checked as {@code kubectl create -f} does, namespaced ones put in
     * {@code namespace} where they name none; nothing is sent to {@code api}, which only knows the
     * kinds. Throws {@link UsageException} with kubectl's message, {@code source} standing for the file.
     */
    public static List<KubeObject<?>> decode(ApiServer api, String source, String text, String namespace) {
        return decodeText(api, source, text, namespace, false).stream().<KubeObject<?>>map(Doc::object).toList();
    }

    private static List<Doc> decodeText(ApiServer api, String file, String text, String namespace,
        boolean namespaceExplicit) {
        List<JsonNode> nodes = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    nodes.add(n);
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new UsageException("error: error parsing " + file + ": error converting YAML to JSON: yaml: line "
                + line + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), 1);
        } catch (java.io.IOException e) {
            throw new UsageException("error: error parsing " + file + ": " + e.getMessage(), 1);
        }
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            docs.add(decode(api, file, i + 1, nodes.get(i), namespace, namespaceExplicit));
        }
        return docs;
    }

    private static Doc decode(ApiServer api, String file, int index, JsonNode n, String namespace,
        boolean namespaceExplicit) {
        if (!n.isObject()) {
            throw new UsageException("error: error validating \"" + file + "\": error validating data: document " + index
                + " is not an object; if you choose to ignore these errors, turn validation off with --validate=false", 1);
        }
        List<String> missing = new ArrayList<>();
        String apiVersion = text(n, "apiVersion");
        String kind = text(n, "kind");
        if (apiVersion == null) {
            missing.add("apiVersion not set");
        }
        if (kind == null) {
            missing.add("kind not set");
        }
        if (!missing.isEmpty()) {
            String what = missing.size() == 1 ? missing.get(0) : "[" + String.join(", ", missing) + "]";
            throw new UsageException("error: error validating \"" + file + "\": error validating data: " + what
                + "; if you choose to ignore these errors, turn validation off with --validate=false", 1);
        }
        JsonNode meta = n.get("metadata");
        String name = meta == null ? "" : text(meta, "name") == null ? "" : text(meta, "name");
        String objNs = meta == null ? null : text(meta, "namespace");
        ResourceType<?> t = api.typeForKind(apiVersion, kind).orElseThrow(() -> new UsageException(
            "error: resource mapping not found for name: \"" + name + "\" namespace: \"" + (objNs == null ? "" : objNs)
                + "\" from \"" + file + "\": no matches for kind \"" + kind + "\" in version \"" + apiVersion
                + "\"\nensure CRDs are installed first", 1));
        ObjectNode copy = n.deepCopy();
        if (t.namespaced()) {
            if (objNs != null && namespaceExplicit && !objNs.equals(namespace)) {
                throw new UsageException("error: the namespace from the provided object \"" + objNs
                    + "\" does not match the namespace \"" + namespace + "\". You must pass '--namespace=" + objNs
                    + "' to perform this operation.", 1);
            }
            if (objNs == null) {
                ObjectNode m = copy.has("metadata") && copy.get("metadata").isObject() ? (ObjectNode) copy.get("metadata")
                    : copy.putObject("metadata");
                m.put("namespace", namespace);
            }
        }
        try {
            KubeObject<?> obj = KubeJson.mapper().treeToValue(copy, t.type());
            return new Doc(file, index, t, obj, copy);
        } catch (JsonMappingException e) {
            throw new UsageException("Error from server (BadRequest): error when creating \"" + file + "\": " + kind
                + " in version \"" + t.version() + "\" cannot be handled as a " + kind + ": " + goDecodeError(e, copy), 1);
        } catch (JsonProcessingException e) {
            throw new UsageException("Error from server (BadRequest): error when creating \"" + file + "\": "
                + e.getOriginalMessage(), 1);
        }
    }

    /** Jackson's mapping failure as Go's {@code json: cannot unmarshal string into Go struct field ...}. */
    private static String goDecodeError(JsonMappingException e, JsonNode root) {
        List<String> fields = new ArrayList<>();
        JsonNode value = root;
        String owner = null;
        Class<?> target = null;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                fields.add(r.getFieldName());
                value = value == null ? null : value.get(r.getFieldName());
                owner = r.getFrom() instanceof Class<?> c ? c.getSimpleName()
                    : r.getFrom() == null ? owner : r.getFrom().getClass().getSimpleName();
            } else {
                value = value == null ? null : value.get(r.getIndex());
            }
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi) {
            target = mi.getTargetType();
        }
        String jsonType = value == null ? "value" : value.isTextual() ? "string" : value.isNumber() ? "number"
            : value.isBoolean() ? "bool" : value.isArray() ? "array" : value.isObject() ? "object" : "value";
        return "json: cannot unmarshal " + jsonType + " into Go struct field " + (owner == null ? "" : owner + ".")
            + String.join(".", fields) + " of type " + goType(target);
    }

    private static String goType(Class<?> c) {
        if (c == null) {
            return "unknown";
        }
        if (c == Integer.class || c == int.class) {
            return "int32";
        }
        if (c == Long.class || c == long.class) {
            return "int64";
        }
        if (c == String.class) {
            return "string";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "bool";
        }
        if (java.util.List.class.isAssignableFrom(c)) {
            return "[]interface {}";
        }
        if (java.util.Map.class.isAssignableFrom(c)) {
            return "map[string]string";
        }
        return "v1." + c.getSimpleName();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
