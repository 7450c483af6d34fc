package io.knetsim.app.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The images knetsim can "pull", each mapped to a simulated application. Any tag of a known
 * repository runs the same application. The built-in catalog:
 * <table>
 * <caption>built-in images</caption>
 * <tr><th>image</th><th>application</th></tr>
 * <tr><td>{@code registry.k8s.io/serve_hostname} (also {@code k8s.gcr.io/serve_hostname})</td>
 *     <td>HTTP on 9376 answering the pod's name ({@link ServeHostnameApp})</td></tr>
 * <tr><td>{@code nginx}</td><td>the "Welcome to nginx!" page on 80 ({@link NginxApp})</td></tr>
 * <tr><td>{@code busybox}</td><td>no server</td></tr>
 * <tr><td>{@code knetsim/fixed-message}</td><td>the labs' fixed-message server ({@link FixedMessageApp})</td></tr>
 * </table>
 * An unknown image gives a {@link PullResult.Failed} with the messages a kubelet over
 * containerd reports, e.g. {@code Failed to pull image "nginxx": rpc error: code = NotFound desc
 * = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve
 * reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or
 * may require authorization: server message: insufficient_scope: authorization failed}.
 */
public final class ImageCatalog {
    private final Map<String, SimulatedApp> apps = new LinkedHashMap<>();

    /** An empty catalog. */
    public ImageCatalog() {
    }

    /** A new catalog with the built-in images. */
    public static ImageCatalog builtin() {
        ImageCatalog c = new ImageCatalog();
        c.register("registry.k8s.io/serve_hostname", new ServeHostnameApp());
        c.register("k8s.gcr.io/serve_hostname", new ServeHostnameApp());
        c.register("nginx", new NginxApp());
        c.register("busybox", ctx -> AppHandle.NOTHING);
        c.register("knetsim/fixed-message", new FixedMessageApp());
        return c;
    }

    /** Adds or replaces the application of repository {@code image} (any tag given is ignored). */
    public ImageCatalog register(String image, SimulatedApp app) {
        apps.put(ImageReference.parse(image).name(), app);
        return this;
    }

    /** Whether {@code image} resolves to an application. */
    public boolean contains(String image) {
        return pull(image) instanceof PullResult.Pulled;
    }

    /** Resolves {@code image} as the kubelet would pull it. */
    public PullResult pull(String image) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
        } catch (ImageReference.InvalidReferenceException e) {
            return new PullResult.Failed(image, "InvalidImageName", "InspectFailed",
                "Failed to apply default image tag \"" + image + "\": couldn't parse image name \"" + image + "\": "
                    + e.getMessage());
        }
        SimulatedApp app = apps.get(ref.name());
        if (app != null) {
            return new PullResult.Pulled(image, ref, app);
        }
        String full = ref.toString();
        String why = ref.registry().equals("docker.io")
            ? "pull access denied, repository does not exist or may require authorization: server message: "
                + "insufficient_scope: authorization failed"
            : full + ": not found";
        return new PullResult.Failed(image, "ErrImagePull", "Failed", "Failed to pull image \"" + image
            + "\": rpc error: code = NotFound desc = failed to pull and unpack image \"" + full
            + "\": failed to resolve reference \"" + full + "\": " + why);
    }
}
