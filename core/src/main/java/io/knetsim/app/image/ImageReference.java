package io.knetsim.app.image;

import java.util.regex.Pattern;

/**
 * A container image reference, normalized as containerd and Docker do: {@code nginx} is
 * {@code docker.io/library/nginx:latest}, {@code knetsim/fixed-message} is
 * {@code docker.io/knetsim/fixed-message:latest}, and a first component with a dot, a colon or
 * {@code localhost} is a registry ({@code registry.k8s.io/serve_hostname:1.1}).
 *
 * @param registry   e.g. {@code docker.io}
 * @param repository e.g. {@code library/nginx}
 * @param tag        e.g. {@code latest} (the default when neither tag nor digest is given)
 * @param digest     e.g. {@code sha256:...}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    /** A reference that does not parse, with the reference library's message. */
    public static final class InvalidReferenceException extends IllegalArgumentException {
        public InvalidReferenceException(String message) {
            super(message);
        }
    }

    /**
     * Parses and normalizes {@code ref}. Throws {@link InvalidReferenceException} with
     * {@code invalid reference format} (and {@code : repository name must be lowercase} for
     * capitals) when it does not parse.
     */
    public static ImageReference parse(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw new InvalidReferenceException("invalid reference format");
        }
        String rest = ref;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidReferenceException("invalid reference format");
            }
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException("invalid reference format");
            }
        }
        String registry = "docker.io";
        String path = rest;
        int first = rest.indexOf('/');
        if (first >= 0) {
            String head = rest.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                path = rest.substring(first + 1);
            }
        }
        if (path.isEmpty()) {
            throw new InvalidReferenceException("invalid reference format");
        }
        for (String c : path.split("/", -1)) {
            if (!COMPONENT.matcher(c).matches()) {
                if (COMPONENT.matcher(c.toLowerCase(java.util.Locale.ROOT)).matches()) {
                    throw new InvalidReferenceException("invalid reference format: repository name must be lowercase");
                }
                throw new InvalidReferenceException("invalid reference format");
            }
        }
        if (registry.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /** {@code registry/repository}, without tag or digest: {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The full normalized reference: {@code docker.io/library/nginx:latest}. */
    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
