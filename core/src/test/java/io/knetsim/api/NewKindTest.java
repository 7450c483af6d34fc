package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kind added from outside the server, as Service or EndpointSlice will be: one record with its
 * {@link ResourceType}, then {@link ApiServer#register}. Everything else (names, validation
 * messages, resourceVersions, selectors, watches, garbage collection) comes from the server.
 */
class NewKindTest {
    /** A minimal ConfigMap: {@code data} is its whole content. */
    record ConfigMap(String apiVersion, String kind, ObjectMeta metadata, Map<String, String> data)
        implements KubeObject<ConfigMap> {
        static final ResourceType<ConfigMap> TYPE = new ResourceType<>("", "v1", "ConfigMap", "configmaps", true, false,
            ConfigMap.class, c -> c, Validation::dns1123Subdomain,
            c -> c.data().containsKey("") ? List.of(FieldError.invalid("data", "", "a valid config key must not be empty"))
                : List.of());

        ConfigMap {
            apiVersion = apiVersion == null ? "v1" : apiVersion;
            kind = kind == null ? "ConfigMap" : kind;
            data = data == null ? Map.of() : new java.util.TreeMap<>(data);
        }

        @Override
        public ConfigMap withMetadata(ObjectMeta m) {
            return new ConfigMap(apiVersion, kind, m, data);
        }
    }

    @Test
    void registeredKindGetsTheWholeServer() {
        Simulator sim = new Simulator(1);
        ApiServer api = new ApiServer(sim, "C0");
        api.register(ConfigMap.TYPE);
        List<String> seen = new ArrayList<>();
        api.watch(ConfigMap.class, "default", null, null, e -> seen.add(e.type() + " " + e.object().metadata().name()));
        ConfigMap c = api.create(new ConfigMap(null, null, ObjectMeta.of("default", "cfg", Map.of("app", "web")),
            Map.of("k", "v")));
        assertThat(KubeJson.toJson(c)).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\","
            + "\"namespace\":\"default\",\"uid\":\"" + c.metadata().uid() + "\",\"resourceVersion\":\"5\","
            + "\"creationTimestamp\":\"1970-01-01T00:00:00Z\",\"labels\":{\"app\":\"web\"}},\"data\":{\"k\":\"v\"}}");
        assertThatThrownBy(() -> api.create(new ConfigMap(null, null, ObjectMeta.of("default", "cfg"), Map.of())))
            .hasMessage("configmaps \"cfg\" already exists");
        assertThatThrownBy(() -> api.create(new ConfigMap(null, null, ObjectMeta.of("default", "bad"), Map.of("", "x"))))
            .hasMessage("ConfigMap \"bad\" is invalid: data: Invalid value: \"\": a valid config key must not be empty");
        assertThat(api.list(ConfigMap.class, "default", "app=web")).containsExactly(c);
        Pod owner = api.create(Pod.of(ObjectMeta.of("default", "p"), PodSpec.of(Container.of("c", "busybox"))));
        api.update(c.withMetadata(c.metadata().withOwnerReferences(List.of(OwnerReference.controllerOf(owner)))));
        api.delete(Pod.class, "default", "p");
        sim.runUntilIdle();
        assertThat(api.list(ConfigMap.class)).isEmpty();
        assertThat(seen).containsExactly("ADDED cfg", "MODIFIED cfg", "DELETED cfg");
        assertThat(api.typeForResource("configmaps")).contains(ConfigMap.TYPE);
    }
}
