package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl apply} would print for bad objects: each message exactly as the API server
 * words it, with its HTTP code and reason; and a failed call leaves the store as it was.
 */
class ApiServerValidationTest {
    private final Simulator sim = new Simulator(3);
    private final ApiServer api = new ApiServer(sim, "C0");

    private static Pod pod(String ns, String name) {
        return Pod.of(ObjectMeta.of(ns, name), PodSpec.of(Container.of("web", "nginx", 80)));
    }

    private void fails(Runnable call, int code, String reason, String message) {
        long rv = api.resourceVersion();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.reason()).isEqualTo(reason);
        });
        assertThat(api.resourceVersion()).as("nothing written").isEqualTo(rv);
    }

    @Test
    void uppercaseNameIsNotAnRfc1123Subdomain() {
        fails(() -> api.create(pod("default", "Foo")), 422, "Invalid",
            "Pod \"Foo\" is invalid: metadata.name: Invalid value: \"Foo\": a lowercase RFC 1123 subdomain must consist "
                + "of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                + "character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(api.list(Pod.class)).isEmpty();
    }

    @Test
    void namespaceNameMustBeAnRfc1123Label() {
        fails(() -> api.create(Namespace.named("web.prod")), 422, "Invalid",
            "Namespace \"web.prod\" is invalid: metadata.name: Invalid value: \"web.prod\": a lowercase RFC 1123 label "
                + "must consist of lower case alphanumeric characters or '-', and must start and end with an "
                + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    @Test
    void podWithoutContainersNeedsThem() {
        fails(() -> api.create(Pod.of(ObjectMeta.of("default", "x"), new PodSpec(List.of(), null, null))), 422,
            "Invalid", "Pod \"x\" is invalid: spec.containers: Required value");
    }

    @Test
    void severalErrorsAreListedInBrackets() {
        Pod p = Pod.of(ObjectMeta.of("default", "x"),
            PodSpec.of(new Container("Web", null, null, null, List.of(new ContainerPort(null, null, 70000, "ICMP")), null))
                .withRestartPolicy("Sometimes"));
        fails(() -> api.create(p), 422, "Invalid", "Pod \"x\" is invalid: ["
            + "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  "
            + "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), "
            + "spec.containers[0].image: Required value, "
            + "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, "
            + "spec.containers[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\", "
            + "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]");
    }

    @Test
    void missingNameAndBadLabel() {
        fails(() -> api.create(Pod.of(ObjectMeta.of("default", null), PodSpec.of(Container.of("c", "busybox")))), 422,
            "Invalid", "Pod \"\" is invalid: metadata.name: Required value: name or generateName is required");
        fails(() -> api.create(Pod.of(ObjectMeta.of("default", "x", Map.of("app", "a b")),
            PodSpec.of(Container.of("c", "busybox")))), 422, "Invalid",
            "Pod \"x\" is invalid: metadata.labels[app]: Invalid value: \"a b\": a valid label must be an empty string "
                + "or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void alreadyExistsNotFoundAndMissingNamespace() {
        api.create(pod("default", "x"));
        fails(() -> api.create(pod("default", "x")), 409, "AlreadyExists", "pods \"x\" already exists");
        fails(() -> api.get(Pod.class, "default", "y"), 404, "NotFound", "pods \"y\" not found");
        fails(() -> api.delete(Pod.class, "default", "y"), 404, "NotFound", "pods \"y\" not found");
        fails(() -> api.create(pod("foo", "x")), 404, "NotFound", "namespaces \"foo\" not found");
        fails(() -> api.get(Deployment.class, "default", "web"), 404, "NotFound", "deployments.apps \"web\" not found");
    }

    @Test
    void deploymentSelectorMustMatchTemplateLabels() {
        Deployment d = Deployment.of("default", "web", 2, Map.of("app", "web"), PodSpec.of(Container.of("web", "nginx")));
        Deployment bad = d.withSpec(new DeploymentSpec(2, LabelSelector.matching(Map.of("app", "db")),
            d.spec().template()));
        fails(() -> api.create(bad), 422, "Invalid",
            "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: "
                + "`selector` does not match template `labels`");
        Deployment noSelector = d.withSpec(new DeploymentSpec(2, null, d.spec().template()));
        fails(() -> api.create(noSelector), 422, "Invalid", "Deployment.apps \"web\" is invalid: spec.selector: Required value");
        fails(() -> api.create(d.withReplicas(-1)), 422, "Invalid",
            "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void deploymentSelectorIsImmutable() {
        Deployment d = api.create(Deployment.of("default", "web", 1, Map.of("app", "web"),
            PodSpec.of(Container.of("web", "nginx"))));
        Deployment changed = d.withSpec(new DeploymentSpec(1, LabelSelector.matching(Map.of("app", "web", "v", "2")),
            PodTemplateSpec.of(Map.of("app", "web", "v", "2"), d.spec().template().spec())));
        fails(() -> api.update(changed), 422, "Invalid", "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: "
            + "{\"matchLabels\":{\"app\":\"web\",\"v\":\"2\"}}: field is immutable");
    }

    @Test
    void invalidStatusCarriesTheFieldCauses() {
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
            () -> api.create(Pod.of(ObjectMeta.of("default", "x"), new PodSpec(null, null, null))));
        assertThat(KubeJson.toJson(e.status())).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Pod \\\"x\\\" is invalid: spec.containers: Required value\","
            + "\"reason\":\"Invalid\",\"details\":{\"name\":\"x\",\"kind\":\"Pod\",\"causes\":[{\"reason\":\"FieldValueRequired\","
            + "\"message\":\"Required value\",\"field\":\"spec.containers\"}]},\"code\":422}");
    }

    @Test
    void systemNamespacesCannotBeDeleted() {
        fails(() -> api.delete(Namespace.class, null, "kube-system"), 403, "Forbidden",
            "namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
    }

    @Test
    void defaultNamespacesExistFromTheStart() {
        assertThat(api.list(Namespace.class).stream().map(n -> n.metadata().name()))
            .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
        assertThat(api.get(Namespace.class, "kube-system").status().phase()).isEqualTo("Active");
    }

    @Test
    void generateNameAppendsFiveCharactersFromKubernetesAlphabet() {
        Pod p = api.create(Pod.of(ObjectMeta.of("default", null).withGenerateName("web-"),
            PodSpec.of(Container.of("c", "nginx"))));
        assertThat(p.metadata().name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(p.metadata().generateName()).isEqualTo("web-");
        ApiServer again = new ApiServer(new Simulator(3), "C0");
        assertThat(again.create(Pod.of(ObjectMeta.of("default", null).withGenerateName("web-"),
            PodSpec.of(Container.of("c", "nginx")))).metadata().name()).isEqualTo(p.metadata().name());
    }
}
