package io.knetsim.api;

import java.util.List;
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
 */
public record ResourceType<T extends KubeObject<T>>(String group, String version, String kind, String plural,
    boolean namespaced, boolean hasStatus, Class<T> type, UnaryOperator<T> defaulter,
    Function<String, List<String>> nameRule, Function<T, List<FieldError>> validator) {

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
