package io.knetsim.skupper.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Copies of the {@code others} maps of entities: unmodifiable, order kept, no nulls. */
final class Others {
    private Others() {
    }

    static Map<String, Object> copy(Map<String, Object> others) {
        Objects.requireNonNull(others, "others");
        Map<String, Object> m = new LinkedHashMap<>();
        others.forEach((k, v) -> m.put(Objects.requireNonNull(k), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(m);
    }

    static int integer(Map<String, Object> others, String name, int dflt) {
        Object v = others.get(name);
        return v instanceof Integer i ? i : dflt;
    }

    static boolean bool(Map<String, Object> others, String name, boolean dflt) {
        Object v = others.get(name);
        return v instanceof Boolean b ? b : dflt;
    }
}
