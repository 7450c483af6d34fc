package io.knetsim.app.image;

/**
 * The result of "pulling" an image from the {@link ImageCatalog}: either the application it runs,
 * or what the kubelet reports when the pull fails.
 */
public sealed interface PullResult {
    /** The image, as the pod spec named it. */
    String image();

    /** The image resolved to a simulated application. */
    record Pulled(String image, ImageReference reference, SimulatedApp app) implements PullResult {
    }

    /**
     * The image cannot be pulled. The kubelet records a Warning event with {@link #eventReason()}
     * and {@link #eventMessage()} and sets the container waiting with {@link #waitingReason()};
     * the pod stays not ready.
     *
     * @param waitingReason the container's waiting reason: {@code ErrImagePull} or {@code InvalidImageName}
     * @param eventReason   the event's reason: {@code Failed} or {@code InspectFailed}
     * @param eventMessage  the event's message, e.g. {@code Failed to pull image "nginxx": ...}
     */
    record Failed(String image, String waitingReason, String eventReason, String eventMessage) implements PullResult {
        /**
         * The container's waiting message: the runtime's error for {@code ErrImagePull}
         * ({@code rpc error: code = NotFound desc = ...}), the whole message otherwise.
         */
        public String waitingMessage() {
            String prefix = "Failed to pull image \"" + image + "\": ";
            return eventMessage.startsWith(prefix) ? eventMessage.substring(prefix.length()) : eventMessage;
        }
    }
}
