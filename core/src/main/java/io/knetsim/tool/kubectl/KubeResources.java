package io.knetsim.tool.kubectl;

import io.knetsim.api.ApiServer;
import io.knetsim.api.KubeObject;
import io.knetsim.api.ResourceType;
import io.knetsim.tool.UsageException;
import java.util.Locale;
import java.util.Map;

/**
 * The resource names kubectl accepts ({@code pods}, {@code pod}, {@code po},
 * {@code deployments.apps}, {@code deploy}, ...) and the names it prints objects by:
 * {@code pod/web}, {@code deployment.apps/web}.
 */
final class KubeResources {
    /** kubectl's short names (discovery's {@code shortNames}). */
    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("po", "pods"), Map.entry("no", "nodes"),
        Map.entry("deploy", "deployments"), Map.entry("rs", "replicasets"), Map.entry("ns", "namespaces"),
        Map.entry("ev", "events"), Map.entry("svc", "services"), Map.entry("ep", "endpoints"),
        Map.entry("ing", "ingresses"),
        Map.entry("gtw", "gateways"), Map.entry("gc", "gatewayclasses"));

    private KubeResources() {
    }

    /** The type {@code word} names, or {@code error: the server doesn't have a resource type "foo"}. */
    static ResourceType<?> resolve(ApiServer api, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String r = SHORT.getOrDefault(w, w);
        return api.typeForResource(r).orElseGet(() -> {
            for (ResourceType<?> t : api.types()) {
                if (r.equals(t.kind().toLowerCase(Locale.ROOT) + "." + t.group()) && !t.group().isEmpty()) {
                    return t;
                }
            }
            throw new UsageException("error: the server doesn't have a resource type \"" + word + "\"", 1);
        });
    }

    /** {@code pod}, {@code deployment.apps}: how {@code -o name} and "created" messages name the kind. */
    static String kindName(ResourceType<?> t) {
        String k = t.kind().toLowerCase(Locale.ROOT);
        return t.group().isEmpty() ? k : k + "." + t.group();
    }

    /** {@code deployment.apps/web}. */
    static String objectName(ResourceType<?> t, KubeObject<?> o) {
        return kindName(t) + "/" + o.metadata().name();
    }

    /** The object, or the API server's 404. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static KubeObject<?> get(ApiServer api, ResourceType<?> t, String namespace, String name) {
        return (KubeObject<?>) api.get((Class) t.type(), t.namespaced() ? namespace : null, name);
    }

    /** Deletes the object (its dependents in the background), or throws the API server's error. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void delete(ApiServer api, ResourceType<?> t, String namespace, String name) {
        api.delete((Class) t.type(), t.namespaced() ? namespace : null, name);
    }
}
