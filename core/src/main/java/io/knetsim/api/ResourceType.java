package io.knetsim.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the {@link ApiServer} needs to know about one kind: its group and version, its plural
 * resource name (used in messages such as {@code pods "x" not found}), whether it lives in a
 * namespace, whether it has a {@code status} subresource, how to default a new object and how
 * to validate one. Each kind declares its own as a {@code TYPE} constant.
 *
 * @param group     API group, "" for the core group ({@code v1}), {@code apps} for Deployments
 * @param version   API version within the group
 * @param kind      the kind, e.g. {@code Pod}
 * @param plural    the resource name, e.g. {@code pods}
 * @param namespaced whether objects live in a namespace
 * @param hasStatus whether {@code status} is only written through {@code updateStatus}
 * @param type      the Java class of the kind
 * @param defaulter fills defaults on create (e.g. {@code restartPolicy: Always})
 * @param nameRule  problems with a name ({@link Validation#dns1123Subdomain} for most kinds)
 * @param validator field errors of an object besides its name, empty when valid
 * @param fields    the values of the fields a field selector may name, beyond {@code metadata.name}
 *                  and (for namespaced kinds) {@code metadata.namespace}, e.g. {@code spec.nodeName}
 */
public record ResourceType<T extends KubeObject<T>>(String group, String version, String kind, String plural,
    boolean namespaced, boolean hasStatus, Class<T> type, UnaryOperator<T> defaulter,
    Function<String, List<String>> nameRule, Function<T, List<FieldError>> validator,
    Map<String, Function<T, String>> fields) {

    /** A type whose objects can be field-selected by name (and namespace) only. */
    public ResourceType(String group, String version, String kind, String plural, boolean namespaced,
        boolean hasStatus, Class<T> type, UnaryOperator<T> defaulter, Function<String, List<String>> nameRule,
        Function<T, List<FieldError>> validator) {
        this(group, version, kind, plural, namespaced, hasStatus, type, defaulter, nameRule, validator, Map.of());
    }

    /** Whether a field selector may name {@code field}. */
    public boolean supportsField(String field) {
        return field.equals("metadata.name") || (namespaced && field.equals("metadata.namespace"))
            || fields.containsKey(field);
    }

    /** Every field-selectable field of {@code o} with its value ("" when unset). */
    public Map<String, String> fieldsOf(T o) {
        Map<String, String> m = new java.util.TreeMap<>();
        fields.forEach((k, f) -> {
            String v = f.apply(o);
            m.put(k, v == null ? "" : v);
        });
        m.put("metadata.name", o.metadata().name());
        if (namespaced) {
            m.put("metadata.namespace", o.metadata().namespace());
        }
        return m;
    }

    /** {@code v1} or {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource as messages name it: {@code pods}, {@code deployments.apps}. */
    public String qualifiedResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The kind as "is invalid" messages name it: {@code Pod}, {@code Deployment.apps}. */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
