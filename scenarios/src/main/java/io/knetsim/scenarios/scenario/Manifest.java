package io.knetsim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.knetsim.api.KubeJson;
import io.knetsim.api.KubeObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kubernetes manifests for a cluster, created in order once the cluster is up, as
 * {@code kubectl create -f} would: YAML or JSON text, several documents separated by
 * {@code ---}, of the kinds the API server knows (Namespace, Pod, Deployment, ...).
 *
 * @param file the file it was read from as the scenario names it ({@code deploy.yaml}), or null when inline
 * @param text the manifest text
 */
public record Manifest(String file, String text) {
    /** Inline YAML (or JSON) text. */
    public static Manifest yaml(String text) {
        return new Manifest(null, text);
    }

    /** One object, written as its JSON. */
    public static Manifest of(KubeObject<?> object) {
        JsonNode tree = KubeJson.mapper().valueToTree(object);
        return new Manifest(null, tree.toString());
    }

    /** The manifests in {@code path}, named as {@code path} is written. */
    public static Manifest file(Path path) {
        try {
            return new Manifest(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + path + ": " + e.getMessage(), e);
        }
    }

    /** How errors name it: the file, or {@code inline manifest}. */
    public String source() {
        return file == null ? "inline manifest" : file;
    }
}
