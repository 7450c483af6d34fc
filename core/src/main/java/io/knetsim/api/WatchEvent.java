package io.knetsim.api;

/**
 * One change seen by a watch, in the shape of the API server's watch stream:
 * {@code {"type":"ADDED","object":{...}}}.
 */
public record WatchEvent<T>(Type type, T object) {
    /** What happened to the object. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
