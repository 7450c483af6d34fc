package io.knetsim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of Kubernetes objects: empty fields left out (Go's {@code omitempty}), map
 * keys sorted (as Go prints maps), unknown fields ignored (as a lenient client does). Use
 * {@link #mapper()} to read and write objects; a YAML mapper built from the same settings
 * reads manifests.
 */
public final class KubeJson {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private KubeJson() {
    }

    /** A shared, immutable-after-construction mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies knetsim's Kubernetes settings to {@code m} (e.g. a YAML mapper) and returns it. */
    public static ObjectMapper configure(ObjectMapper m) {
        m.setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
        m.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return m;
    }

    /** {@code obj} as compact JSON. */
    public static String toJson(Object obj) {
        try {
            return MAPPER.writeValueAsString(obj);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + obj + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads {@code json} as {@code type}; a malformed document throws with Jackson's message. */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
