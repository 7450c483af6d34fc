package io.knetsim.api.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.Deployment;
import io.knetsim.api.Event;
import io.knetsim.api.Node;
import io.knetsim.api.NodeSpec;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.PodSpec;
import io.knetsim.api.controller.ControllerManager;
import io.knetsim.sim.Simulator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Placing pods on three workers.
 * <pre>
 *   c0w1 (Ready)   c0w2 (Ready)   c0w3 (Ready)
 *      ▲               ▲              ▲
 *      └──── 6 pods of Deployment web: two each ────┘
 * </pre>
 */
class SchedulerTest {
    private final Simulator sim = new Simulator(7);
    private final ApiServer api = new ApiServer(sim, "C0");

    SchedulerTest() {
        ControllerManager.start(api);
        Scheduler.start(api);
    }

    private void nodes(boolean... ready) {
        for (int i = 0; i < ready.length; i++) {
            api.create(Node.of("c0w" + (i + 1), "11.10." + (16 * (i + 1)) + ".0/20", "10.0.0." + (3 + i), ready[i], 0));
        }
    }

    private Map<String, Long> perNode() {
        return api.list(Pod.class).stream().collect(Collectors.groupingBy(p -> String.valueOf(p.nodeName()),
            TreeMap::new, Collectors.counting()));
    }

    private void deploy(int replicas) {
        api.create(Deployment.of("default", "web", replicas, Map.of("app", "web"), PodSpec.of(Container.of("web", "nginx"))));
        sim.runUntilIdle();
    }

    @Test
    void spreadsPodsEvenly() {
        nodes(true, true, true);
        deploy(6);
        assertThat(perNode()).isEqualTo(Map.of("c0w1", 2L, "c0w2", 2L, "c0w3", 2L));
        Pod p = api.list(Pod.class).get(0);
        PodCondition c = p.status().condition("PodScheduled");
        assertThat(c.status()).isEqualTo("True");
        assertThat(api.list(Event.class).stream().filter(e -> e.reason().equals("Scheduled")).map(Event::message))
            .contains("Successfully assigned default/" + p.metadata().name() + " to " + p.nodeName());
    }

    @Test
    void threeHundredPodsSpreadAHundredPerNode() {
        nodes(true, true, true);
        deploy(300);
        assertThat(perNode()).isEqualTo(Map.of("c0w1", 100L, "c0w2", 100L, "c0w3", 100L));
        api.update(api.get(Deployment.class, "default", "web").withReplicas(303));
        sim.runUntilIdle();
        assertThat(perNode()).isEqualTo(Map.of("c0w1", 101L, "c0w2", 101L, "c0w3", 101L));
    }

    @Test
    void tiesAreBrokenByTheSeed() {
        nodes(true, true, true);
        deploy(1);
        String first = api.list(Pod.class).get(0).nodeName();
        List<String> chosen = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            Simulator s = new Simulator(seed);
            ApiServer a = new ApiServer(s, "C0");
            ControllerManager.start(a);
            Scheduler.start(a);
            for (int i = 1; i <= 3; i++) {
                a.create(Node.of("c0w" + i, null, "10.0.0." + (2 + i), true, 0));
            }
            a.create(Pod.of(ObjectMeta.of("default", "p"), PodSpec.of(Container.of("c", "busybox"))));
            s.runUntilIdle();
            chosen.add(a.get(Pod.class, "default", "p").nodeName());
        }
        assertThat(chosen).as("seeds 1..6 pick among three empty nodes")
            .containsExactly("c0w1", "c0w1", "c0w2", "c0w3", "c0w1", "c0w3");
        Simulator again = new Simulator(7);
        ApiServer a = new ApiServer(again, "C0");
        ControllerManager.start(a);
        Scheduler.start(a);
        for (int i = 1; i <= 3; i++) {
            a.create(Node.of("c0w" + i, "11.10." + (16 * i) + ".0/20", "10.0.0." + (2 + i), true, 0));
        }
        a.create(Deployment.of("default", "web", 1, Map.of("app", "web"), PodSpec.of(Container.of("web", "nginx"))));
        again.runUntilIdle();
        assertThat(a.list(Pod.class).get(0).nodeName()).as("same seed, same node").isEqualTo(first);
    }

    @Test
    void onlyReadySchedulableNodesGetPods() {
        nodes(true, false, true);
        Node w3 = api.get(Node.class, "c0w3");
        api.update(w3.withSpec(new NodeSpec(w3.spec().podCIDR(), w3.spec().podCIDRs(), true)));
        deploy(3);
        assertThat(perNode()).isEqualTo(Map.of("c0w1", 3L));
    }

    @Test
    void podThatFitsNowhereStaysPendingWithFailedScheduling() {
        nodes(false, false, false);
        api.create(Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("web", "nginx"))));
        sim.runUntilIdle();
        Pod p = api.get(Pod.class, "default", "web");
        String msg = "0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. "
            + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
        assertThat(p.nodeName()).isNull();
        assertThat(p.phase()).isEqualTo("Pending");
        assertThat(p.status().condition("PodScheduled")).isEqualTo(
            new PodCondition("PodScheduled", "False", null, "1970-01-01T00:00:00Z", "Unschedulable", msg));
        List<Event> evs = api.list(Event.class);
        assertThat(evs).hasSize(1);
        assertThat(evs.get(0).type()).isEqualTo("Warning");
        assertThat(evs.get(0).reason()).isEqualTo("FailedScheduling");
        assertThat(evs.get(0).message()).isEqualTo(msg);
        assertThat(evs.get(0).count()).isEqualTo(1);
        assertThat(evs.get(0).source().component()).isEqualTo("default-scheduler");

        sim.runFor(10_000_000_000L);
        Node w2 = api.get(Node.class, "c0w2");
        api.updateStatus(Node.of("c0w2", null, "10.0.0.4", true, sim.now()).withMetadata(w2.metadata()));
        sim.runUntilIdle();
        assertThat(api.get(Pod.class, "default", "web").nodeName()).as("placed once a node is Ready").isEqualTo("c0w2");
    }

    @Test
    void mixedReasonsAreCountedAndSorted() {
        nodes(false, true);
        Node w2 = api.get(Node.class, "c0w2");
        api.update(w2.withSpec(new NodeSpec(null, null, true)));
        api.create(Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("web", "nginx"))));
        sim.runUntilIdle();
        assertThat(api.list(Event.class).get(0).message()).isEqualTo("0/2 nodes are available: "
            + "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. "
            + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void noNodesAtAll() {
        api.create(Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("web", "nginx"))));
        sim.runUntilIdle();
        assertThat(api.list(Event.class).get(0).message()).isEqualTo("no nodes available to schedule pods");
    }
}
