package io.knetsim.scenarios.scenario;

import java.util.List;

/**
 * A pod placed on a worker, as the original labs' {@code create_container} makes it: one
 * container named after the pod, running {@code image} with {@code args}.
 */
public record ScenarioPod(String name, String worker, String image, List<String> args) {
    /** The image of a pod that names none: a shell and nothing listening. */
    public static final String DEFAULT_IMAGE = "busybox";

    public ScenarioPod {
        args = List.copyOf(args);
    }

    /** A {@value #DEFAULT_IMAGE} pod. */
    public static ScenarioPod of(String name, String worker) {
        return new ScenarioPod(name, worker, DEFAULT_IMAGE, List.of());
    }

    public static ScenarioPod of(String name, String worker, String image, String... args) {
        return new ScenarioPod(name, worker, image, List.of(args));
    }
}
