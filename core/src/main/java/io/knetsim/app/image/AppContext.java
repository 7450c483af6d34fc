package io.knetsim.app.image;

import io.knetsim.api.Container;
import io.knetsim.net.NetNamespace;

/**
 * What a simulated application is started with: the pod's network namespace (shared by all its
 * containers), the pod's name (its hostname) and namespace, and the container's spec (image,
 * command, args, env, ports).
 */
public record AppContext(NetNamespace netns, String podName, String podNamespace, Container container) {
}
