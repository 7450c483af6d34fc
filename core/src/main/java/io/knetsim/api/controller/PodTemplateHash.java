package io.knetsim.api.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.api.KubeJson;
import io.knetsim.api.PodTemplateSpec;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} label the Deployment controller puts on a ReplicaSet and its
 * pods: a 32-bit FNV-1a hash of the pod template, printed in decimal and each digit mapped
 * through {@link ApiServer#NAME_ALPHABET} as apimachinery's {@code SafeEncodeString} does (so it
 * looks like {@code 5d8c7b9f6}). Kubernetes hashes Go's printed form of the template; knetsim
 * hashes its JSON, so the values differ from a real cluster's, but not their form or stability.
 */
public final class PodTemplateHash {
    /** The label key. */
    public static final String LABEL = "pod-template-hash";

    private PodTemplateHash() {
    }

    public static String of(PodTemplateSpec template) {
        return of(template, null);
    }

    /**
     * The hash with the Deployment's {@code status.collisionCount} mixed in (when not null), as
     * Kubernetes does to find a new name after a collision with a ReplicaSet it does not own.
     */
    public static String of(PodTemplateSpec template, Integer collisionCount) {
        String text = KubeJson.toJson(template) + (collisionCount == null ? "" : Integer.toString(collisionCount));
        int h = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        String digits = Long.toString(h & 0xffffffffL);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            sb.append(ApiServer.NAME_ALPHABET.charAt(digits.charAt(i) % ApiServer.NAME_ALPHABET.length()));
        }
        return sb.toString();
    }
}
