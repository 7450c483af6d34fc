package io.knetsim.api;

/** An environment variable of a container: {@code name} and {@code value}. */
public record EnvVar(String name, String value) {
}
