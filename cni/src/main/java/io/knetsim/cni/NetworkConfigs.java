package io.knetsim.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads network configurations from a host's conf dir ({@code /etc/cni/net.d}), as libcni and
 * kubelet do:
 *
 * <pre>
 *   /etc/cni/net.d/
 *     10-flannel.conflist   {"name": "cbr0", "cniVersion": "0.3.1", "plugins": [{"type": "flannel", ...}, ...]}
 *     20-mynet.conf         {"name": "mynet", "cniVersion": "1.0.0", "type": "bridge", ...}
 * </pre>
 *
 * <ul>
 *   <li>{@link #loadDefault}: kubelet's choice, the first file ending {@code .conf}, {@code .conflist} or
 *       {@code .json} in lexical order;</li>
 *   <li>{@link #loadByName}: libcni's {@code LoadConfList}, first the {@code .conflist} files, then the
 *       single-plugin {@code .conf}/{@code .json} files, the first whose {@code name} matches.</li>
 * </ul>
 *
 * Errors: JSON that does not parse is code 6, a missing or mistyped field code 7, each naming the
 * file and the field; a missing network is libcni's text ({@code no net configuration with name ...}).
 */
public final class NetworkConfigs {
    /** Where kubelet and cnitool look by default. */
    public static final String DEFAULT_DIR = "/etc/cni/net.d";

    private NetworkConfigs() {
    }

    /** The configuration files in {@code dir} with one of the extensions, sorted as Go's {@code sort.Strings}. */
    public static List<String> confFiles(FileTree files, String dir, List<String> extensions) {
        List<String> out = new ArrayList<>();
        if (!files.isDirectory(dir)) {
            return out;
        }
        String d = FileTree.normalize(dir);
        for (String name : files.list(d)) {
            String path = (d.equals("/") ? "" : d) + "/" + name;
            int dot = name.lastIndexOf('.');
            if (files.isFile(path) && dot >= 0 && extensions.contains(name.substring(dot))) {
                out.add(path);
            }
        }
        out.sort(null);
        return out;
    }

    /** Kubelet's choice: the first {@code .conf}/{@code .conflist}/{@code .json} file of the dir. */
    public static NetworkConfigList loadDefault(FileTree files, String dir) throws CniError {
        List<String> all = confFiles(files, dir, List.of(".conf", ".conflist", ".json"));
        if (all.isEmpty()) {
            throw new CniError(CniError.LIBCNI, "no networks found in " + dir);
        }
        return load(files, all.get(0));
    }

    /** libcni's {@code LoadConfList(dir, name)}. */
    public static NetworkConfigList loadByName(FileTree files, String dir, String name) throws CniError {
        List<String> lists = confFiles(files, dir, List.of(".conflist"));
        for (String f : lists) {
            NetworkConfigList l = load(files, f);
            if (l.name().equals(name)) {
                return l;
            }
        }
        List<String> singles = confFiles(files, dir, List.of(".conf", ".json"));
        if (singles.isEmpty() && lists.isEmpty()) {
            throw new CniError(CniError.LIBCNI, "no net configurations found in " + dir);
        }
        for (String f : singles) {
            NetworkConfigList l = load(files, f);
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new CniError(CniError.LIBCNI, "no net configuration with name \"" + name + "\" in " + dir);
    }

    /** One file: a {@code .conflist} if it has {@code plugins}, else a single plugin's {@code .conf}. */
    public static NetworkConfigList load(FileTree files, String path) throws CniError {
        byte[] b = files.read(path);
        if (b == null) {
            throw new CniError(CniError.IO_FAILURE, "error reading " + path + ": no such file or directory");
        }
        return parse(path, b);
    }

    /** Parses the bytes of a {@code .conf} or {@code .conflist}; {@code file} names it in errors. */
    public static NetworkConfigList parse(String file, byte[] bytes) throws CniError {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CniError(CniError.DECODE_FAILURE, file + ": error parsing configuration: "
                + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + " column "
                + e.getLocation().getColumnNr());
        } catch (java.io.IOException e) {
            throw new CniError(CniError.IO_FAILURE, file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CniError(CniError.DECODE_FAILURE, file + ": error parsing configuration: expected a JSON object");
        }
        ObjectNode o = (ObjectNode) root;
        String name = string(o, "name", file, true);
        String version = string(o, "cniVersion", file, false);
        if (version == null) {
            version = "0.1.0"; // libcni's default when a config names none
        }
        if (!o.has("plugins")) {
            string(o, "type", file, true);
            return new NetworkConfigList(name, version, false, List.of(o), file);
        }
        JsonNode ps = o.get("plugins");
        if (!ps.isArray()) {
            throw CniError.invalidConfig(file, "plugins", "expected a list of plugin configurations, got " + ps);
        }
        if (ps.isEmpty()) {
            throw CniError.invalidConfig(file, "plugins", "no plugins in list");
        }
        List<ObjectNode> plugins = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            if (!p.isObject()) {
                throw CniError.invalidConfig(file, "plugins[" + i + "]", "expected an object, got " + p);
            }
            JsonNode t = p.get("type");
            if (t == null || !t.isTextual() || t.asText().isEmpty()) {
                throw CniError.invalidConfig(file, "plugins[" + i + "].type", "missing 'type'");
            }
            plugins.add((ObjectNode) p);
        }
        JsonNode dc = o.get("disableCheck");
        boolean disableCheck = dc != null && (dc.asBoolean() || dc.asText().equalsIgnoreCase("true"));
        return new NetworkConfigList(name, version, disableCheck, plugins, file);
    }

    private static String string(ObjectNode o, String field, String file, boolean required) throws CniError {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw CniError.invalidConfig(file, field, field.equals("type") ? "missing 'type'" : "missing '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw CniError.invalidConfig(file, field, "expected a string, got " + v);
        }
        if (required && v.asText().isEmpty()) {
            throw CniError.invalidConfig(file, field, "must not be empty");
        }
        return v.asText();
    }
}
