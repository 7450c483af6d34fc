package io.knetsim.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.Deployment;
import io.knetsim.api.Event;
import io.knetsim.api.EventRecorder;
import io.knetsim.api.Node;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.PodStatus;
import io.knetsim.api.WatchEvent;
import io.knetsim.api.controller.ControllerManager;
import io.knetsim.api.fields.FieldSelector;
import io.knetsim.api.scheduler.Scheduler;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.curl.Curl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pieces a kubelet needs, end to end: a Deployment becomes a pod, the scheduler binds it to
 * the only Ready node, a stand-in kubelet on that node (watching {@code spec.nodeName=hostb})
 * pulls the image from the catalog, starts it in podB's namespace and reports the pod Running;
 * curl from the other pod reaches it. (The real kubelet, with CNI, lives in the cni module.)
 * <pre>
 *   Deployment hostnames ─▶ ReplicaSet ─▶ Pod ─▶ scheduler ─▶ spec.nodeName=hostb
 *                                                              │
 *   podA 11.10.1.2 $ curl 11.10.2.2:9376      stand-in kubelet on hostb: pull, start in podB 11.10.2.2,
 *                                              updateStatus Running / ErrImagePull
 * </pre>
 */
class PodLifecycleLabTest {
    private final TwoWorkerOverlay w = new TwoWorkerOverlay(5, LinkConfig.DEFAULT);
    private final ApiServer api = new ApiServer(w.world.sim(), "C0");
    private final ImageCatalog catalog = ImageCatalog.builtin();
    private final ToolRunner runner;

    PodLifecycleLabTest() {
        ToolRegistry r = CoreTools.registry();
        Curl.registerAll(r);
        runner = new ToolRunner(r, Path.of("."));
        ControllerManager.start(api);
        Scheduler.start(api);
        api.create(Node.of("hosta", "11.10.1.0/24", "10.0.0.3", false, 0));
        api.create(Node.of("hostb", "11.10.2.0/24", "10.0.0.4", true, 0));
        EventRecorder kubelet = new EventRecorder(api, "kubelet", "hostb");
        api.watch(Pod.class, null, null, FieldSelector.parse("spec.nodeName=hostb"), null, e -> {
            if (e.type() != WatchEvent.Type.ADDED) {
                return;
            }
            Pod pod = e.object();
            Container c = pod.spec().containers().get(0);
            long now = api.sim().now();
            PullResult pulled = catalog.pull(c.image());
            if (pulled instanceof PullResult.Pulled p) {
                p.app().start(new AppContext(w.podB, pod.metadata().name(), pod.metadata().namespace(), c));
                api.updateStatus(pod.withStatus(PodStatus.running(pod, "10.0.0.4", "11.10.2.2",
                    List.of(p.reference().toString()), now)));
            } else if (pulled instanceof PullResult.Failed f) {
                kubelet.record(pod, EventRecorder.WARNING, f.eventReason(), f.eventMessage());
                api.updateStatus(pod.withStatus(PodStatus.waiting(pod, "10.0.0.4", "11.10.2.2", f.waitingReason(),
                    f.waitingMessage(), now)));
            }
        });
    }

    private void deploy(String image) {
        api.create(Deployment.of("default", "hostnames", 1, Map.of("app", "hostnames"),
            PodSpec.of(Container.of("hostnames", image, 9376))));
        w.world.sim().runUntilIdle();
    }

    @Test
    void servesItsPodNameOnceRunning() {
        deploy("registry.k8s.io/serve_hostname");
        Pod pod = api.list(Pod.class).get(0);
        assertThat(pod.nodeName()).isEqualTo("hostb");
        assertThat(pod.phase()).isEqualTo("Running");
        assertThat(pod.isReady()).isTrue();
        assertThat(pod.status().conditions()).extracting(c -> c.type() + "=" + c.status()).containsExactly(
            "PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True");
        assertThat(pod.status().containerStatuses().get(0).image()).isEqualTo("registry.k8s.io/serve_hostname:latest");
        assertThat(runner.run(w.podA, "curl -s 11.10.2.2:9376").stdout()).isEqualTo(pod.metadata().name());
        Deployment d = api.get(Deployment.class, "default", "hostnames");
        assertThat(d.status().readyReplicas()).isEqualTo(1);
        assertThat(d.status().availableReplicas()).isEqualTo(1);
        assertThat(d.status().unavailableReplicas()).isZero();
    }

    @Test
    void unknownImageLeavesThePodNotReadyWithAnEvent() {
        deploy("registry.k8s.io/serve_hostnam");
        Pod pod = api.list(Pod.class).get(0);
        assertThat(pod.phase()).isEqualTo("Pending");
        assertThat(pod.isReady()).isFalse();
        assertThat(pod.status().condition("Ready").message()).isEqualTo("containers with unready status: [hostnames]");
        var waiting = pod.status().containerStatuses().get(0).state().waiting();
        assertThat(waiting.reason()).isEqualTo("ErrImagePull");
        assertThat(waiting.message()).isEqualTo("rpc error: code = NotFound desc = failed to pull and unpack image "
            + "\"registry.k8s.io/serve_hostnam:latest\": failed to resolve reference \"registry.k8s.io/serve_hostnam:latest\": "
            + "registry.k8s.io/serve_hostnam:latest: not found");
        Event e = api.list(Event.class, "default", null, "involvedObject.kind=Pod,source=kubelet").get(0);
        assertThat(e.type()).isEqualTo("Warning");
        assertThat(e.reason()).isEqualTo("Failed");
        assertThat(e.message()).isEqualTo("Failed to pull image \"registry.k8s.io/serve_hostnam\": " + waiting.message());
        assertThat(api.get(Deployment.class, "default", "hostnames").status().unavailableReplicas()).isEqualTo(1);
        assertThat(runner.run(w.podA, "curl -s 11.10.2.2:9376").exitCode()).isEqualTo(7);
    }
}
