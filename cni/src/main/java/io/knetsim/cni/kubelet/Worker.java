package io.knetsim.cni.kubelet;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.Event;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.net.NetNamespace;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.util.List;

/**
 * A worker host with the original knetsim's operations, now carried out through Kubernetes:
 *
 * <ul>
 *   <li>{@code create_container(name)} creates the pod {@code default/name} bound to this node
 *       (image {@code busybox}, which runs no server) and lets the clock run until the kubelet
 *       has it running, or has reported why it cannot;</li>
 *   <li>{@code delete_container(name)} deletes the pod and lets the kubelet tear it down;</li>
 *   <li>{@code exec_container(name, command)} runs a command line inside the pod's network
 *       namespace, as {@code ip netns exec} does, and returns when it has finished.</li>
 * </ul>
 *
 * Like the original's, these calls return only when done, in simulated time.
 */
public final class Worker {
    /** How long {@link #createContainer} waits for the pod to run. */
    public static final long START_TIMEOUT = SimTime.seconds(30);

    private final Kubelet kubelet;
    private final ApiServer api;
    private final ToolRunner runner;

    public Worker(Kubelet kubelet, ApiServer api, ToolRunner runner) {
        this.kubelet = kubelet;
        this.api = api;
        this.runner = runner;
    }

    public NetNamespace host() {
        return kubelet.host();
    }

    public String name() {
        return kubelet.nodeName();
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    /**
     * {@code create_container(name)}: returns the pod's namespace once it runs; throws
     * {@link IllegalStateException} with the kubelet's last warning if it does not start within
     * {@link #START_TIMEOUT}, and {@link io.knetsim.api.ApiException} if the API server refuses the pod.
     */
    public NetNamespace createContainer(String name) {
        return createContainer(name, "busybox");
    }

    /**
     * As {@link #createContainer(String)}, with one container running {@code image} with
     * {@code args} (e.g. {@code knetsim/fixed-message --message S1-W2 --port 8000}).
     */
    public NetNamespace createContainer(String name, String image, String... args) {
        Pod pod = Pod.of(ObjectMeta.of("default", name),
            PodSpec.of(Container.of(name, image).withArgs(List.of(args))).withNodeName(kubelet.nodeName()));
        api.create(pod);
        long deadline = api.sim().now() + START_TIMEOUT;
        api.sim().runWhile(() -> kubelet.podNamespace("default", name) == null
            && warnings(name).isEmpty() && api.sim().now() < deadline);
        NetNamespace ns = kubelet.podNamespace("default", name);
        if (ns == null) {
            List<String> w = warnings(name);
            throw new IllegalStateException("container " + name + " did not start on " + name() + ": "
                + (w.isEmpty() ? "no answer from the kubelet" : w.get(w.size() - 1)));
        }
        return ns;
    }

    private List<String> warnings(String pod) {
        return api.list(Event.class, "default", "").stream()
            .filter(e -> "Warning".equals(e.type()) && pod.equals(e.involvedObject().name()))
            .map(Event::message).toList();
    }

    /** {@code delete_container(name)}: deletes the pod and runs the clock until its namespace is gone. */
    public void deleteContainer(String name) {
        api.delete(Pod.class, "default", name);
        long deadline = api.sim().now() + START_TIMEOUT;
        api.sim().runWhile(() -> kubelet.podNamespace("default", name) != null && api.sim().now() < deadline);
    }

    /**
     * {@code exec_container(name, command)}: runs {@code command} in the pod's namespace until it
     * finishes. Throws {@link IllegalArgumentException} when no such container runs here.
     */
    public Invocation execContainer(String name, String command) {
        NetNamespace ns = kubelet.podNamespace("default", name);
        if (ns == null) {
            throw new IllegalArgumentException("container " + name + " is not running on " + name());
        }
        return runner.run(ns, command);
    }

    /**
     * {@code exec_container_async(name, command)}: starts {@code command} in the pod's namespace
     * and returns at once, its output discarded ({@code nohup CMD >&/dev/null &}); it runs while
     * simulated time does. Returns the running invocation.
     */
    public Invocation execContainerAsync(String name, String command) {
        NetNamespace ns = kubelet.podNamespace("default", name);
        if (ns == null) {
            throw new IllegalArgumentException("container " + name + " is not running on " + name());
        }
        return runner.start(ns, command);
    }
}
