/**
 * Container images as simulated applications: the {@link io.knetsim.app.image.ImageCatalog}
 * maps an image reference ({@code nginx}, {@code nginx:1.25},
 * {@code docker.io/library/nginx:latest}, {@code registry.k8s.io/serve_hostname}) to a
 * {@link io.knetsim.app.image.SimulatedApp} that the kubelet starts in the pod's network
 * namespace; an unknown image is a {@link io.knetsim.app.image.PullResult.Failed} with the
 * kubelet's ErrImagePull messages.
 */
package io.knetsim.app.image;
