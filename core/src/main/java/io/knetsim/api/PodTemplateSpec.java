package io.knetsim.api;

/** The pod a Deployment or ReplicaSet stamps out: {@code template.metadata} (labels) and {@code template.spec}. */
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec) {
    public static PodTemplateSpec of(java.util.Map<String, String> labels, PodSpec spec) {
        return new PodTemplateSpec(new ObjectMeta(null, null, null, null, null, null, null, labels, null, null), spec);
    }

    /** Labels of the template, never null. */
    public java.util.Map<String, String> labels() {
        return metadata == null ? java.util.Map.of() : metadata.labels();
    }
}
