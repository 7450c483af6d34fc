package io.knetsim.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Kubernetes' {@code intstr.IntOrString}: a number or a name, written in JSON as either
 * ({@code "targetPort": 9376} or {@code "targetPort": "http"}).
 *
 * @param intVal the number, or null when this is a name
 * @param strVal the name, or null when this is a number
 */
public record IntOrString(Integer intVal, String strVal) {
    public static IntOrString of(int v) {
        return new IntOrString(v, null);
    }

    public static IntOrString of(String name) {
        return new IntOrString(null, name);
    }

    /** From JSON: a number, or a string (a string of digits stays a name, as in Kubernetes). */
    @JsonCreator
    public static IntOrString fromJson(Object v) {
        if (v instanceof Number n) {
            return of(n.intValue());
        }
        return of(String.valueOf(v));
    }

    public boolean isInt() {
        return intVal != null;
    }

    @JsonValue
    public Object json() {
        return intVal != null ? intVal : strVal;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
