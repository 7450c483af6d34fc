package io.knetsim.api.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.Deployment;
import io.knetsim.api.Event;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.ReplicaSet;
import io.knetsim.sim.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Deployment -> ReplicaSet -> Pod chain, as {@code kubectl get deploy,rs,pods} shows it.
 * <pre>
 *   Deployment web (replicas 3)
 *     └─ ReplicaSet web-&lt;hash&gt;           labels app=web, pod-template-hash=&lt;hash&gt;
 *          ├─ Pod web-&lt;hash&gt;-&lt;5 chars&gt;
 *          ├─ Pod ...
 *          └─ Pod ...
 * </pre>
 */
class DeploymentControllerTest {
    private final Simulator sim = new Simulator(42);
    private final ApiServer api = new ApiServer(sim, "C0");

    private final ControllerManager cm = ControllerManager.start(api);

    private Deployment web(int replicas) {
        return Deployment.of("default", "web", replicas, Map.of("app", "web"), PodSpec.of(Container.of("web", "nginx", 80)));
    }

    private List<String> pods() {
        return api.list(Pod.class).stream().map(p -> p.metadata().name()).toList();
    }

    private List<String> events(String kind) {
        return api.list(Event.class).stream().filter(e -> e.involvedObject().kind().equals(kind))
            .map(e -> e.reason() + ": " + e.message()).toList();
    }

    @Test
    void createsAReplicaSetAndItsPodsWithKubernetesNames() {
        api.create(web(3));
        sim.runUntilIdle();
        ReplicaSet rs = api.list(ReplicaSet.class).get(0);
        String hash = rs.metadata().labels().get("pod-template-hash");
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{6,10}");
        assertThat(rs.metadata().name()).isEqualTo("web-" + hash);
        assertThat(rs.spec().selector().matchLabels()).isEqualTo(Map.of("app", "web", "pod-template-hash", hash));
        assertThat(rs.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(pods()).hasSize(3).allMatch(n -> n.matches("web-" + hash + "-[bcdfghjklmnpqrstvwxz2456789]{5}"));
        for (Pod p : api.list(Pod.class)) {
            assertThat(p.metadata().labels()).isEqualTo(Map.of("app", "web", "pod-template-hash", hash));
            assertThat(p.metadata().controllerRef().name()).isEqualTo(rs.metadata().name());
            assertThat(p.metadata().controllerRef().kind()).isEqualTo("ReplicaSet");
        }
        assertThat(events("Deployment")).containsExactly("ScalingReplicaSet: Scaled up replica set web-" + hash + " from 0 to 3");
        assertThat(events("ReplicaSet")).containsExactlyInAnyOrderElementsOf(
            pods().stream().map(n -> "SuccessfulCreate: Created pod: " + n).toList());
        Deployment d = api.get(Deployment.class, "default", "web");
        assertThat(d.status().replicas()).isEqualTo(3);
        assertThat(d.status().updatedReplicas()).isEqualTo(3);
        assertThat(d.status().readyReplicas()).isZero();
        assertThat(d.status().unavailableReplicas()).isEqualTo(3);
        assertThat(d.status().observedGeneration()).isEqualTo(1L);
    }

    @Test
    void sameSeedSameNames() {
        api.create(web(3));
        sim.runUntilIdle();
        Simulator sim2 = new Simulator(42);
        ApiServer api2 = new ApiServer(sim2, "C0");
        ControllerManager.start(api2);
        api2.create(web(3));
        sim2.runUntilIdle();
        assertThat(api2.list(Pod.class).stream().map(p -> p.metadata().name()).toList()).isEqualTo(pods());
        Simulator sim3 = new Simulator(43);
        ApiServer api3 = new ApiServer(sim3, "C0");
        ControllerManager.start(api3);
        api3.create(web(3));
        sim3.runUntilIdle();
        assertThat(api3.list(Pod.class).stream().map(p -> p.metadata().name()).toList()).isNotEqualTo(pods());
    }

    @Test
    void scalesUpAndDown() {
        Deployment d = api.create(web(2));
        sim.runUntilIdle();
        List<String> first = pods();
        api.update(api.get(Deployment.class, "default", "web").withReplicas(5));
        sim.runUntilIdle();
        assertThat(pods()).hasSize(5).containsAll(first);
        api.update(api.get(Deployment.class, "default", "web").withReplicas(1));
        sim.runUntilIdle();
        assertThat(pods()).hasSize(1);
        String rs = api.list(ReplicaSet.class).get(0).metadata().name();
        assertThat(events("Deployment")).containsExactly(
            "ScalingReplicaSet: Scaled up replica set " + rs + " from 0 to 2",
            "ScalingReplicaSet: Scaled up replica set " + rs + " from 2 to 5",
            "ScalingReplicaSet: Scaled down replica set " + rs + " from 5 to 1");
        assertThat(api.get(Deployment.class, "default", "web").status().replicas()).isEqualTo(1);
        assertThat(api.get(Deployment.class, "default", "web").status().observedGeneration()).isEqualTo(3L);
        assertThat(d.metadata().generation()).isEqualTo(1L);
    }

    @Test
    void scaleDownDeletesUnscheduledPodsFirst() {
        api.create(web(3));
        sim.runUntilIdle();
        List<Pod> ps = api.list(Pod.class);
        for (Pod p : ps.subList(0, 2)) {
            api.update(p.withSpec(p.spec().withNodeName("c0w1")));
        }
        api.update(api.get(Deployment.class, "default", "web").withReplicas(2));
        sim.runUntilIdle();
        assertThat(pods()).containsExactly(ps.get(0).metadata().name(), ps.get(1).metadata().name());
    }

    @Test
    void recreatesADeletedPod() {
        api.create(web(3));
        sim.runUntilIdle();
        List<String> before = pods();
        api.delete(Pod.class, "default", before.get(1));
        sim.runUntilIdle();
        List<String> after = pods();
        assertThat(after).hasSize(3).doesNotContain(before.get(1)).contains(before.get(0), before.get(2));
    }

    @Test
    void aNewTemplateGetsANewReplicaSetAndTheOldOneScalesToZero() {
        api.create(web(2));
        sim.runUntilIdle();
        String oldRs = api.list(ReplicaSet.class).get(0).metadata().name();
        Deployment d = api.get(Deployment.class, "default", "web");
        api.update(d.withSpec(new io.knetsim.api.DeploymentSpec(2, d.spec().selector(),
            io.knetsim.api.PodTemplateSpec.of(Map.of("app", "web"), PodSpec.of(Container.of("web", "nginx:1.25", 80))))));
        sim.runUntilIdle();
        List<ReplicaSet> rss = api.list(ReplicaSet.class);
        assertThat(rss).hasSize(2);
        ReplicaSet old = api.get(ReplicaSet.class, "default", oldRs);
        ReplicaSet now = rss.stream().filter(r -> !r.metadata().name().equals(oldRs)).findFirst().orElseThrow();
        assertThat(old.spec().replicas()).isZero();
        assertThat(now.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(api.list(Pod.class)).hasSize(2).allMatch(p -> p.spec().containers().get(0).image().equals("nginx:1.25"));
    }

    @Test
    void aNameTakenByAnotherReplicaSetIsACollision() {
        Deployment d = web(2);
        String hash = PodTemplateHash.of(io.knetsim.api.Deployment.TYPE.defaulter().apply(d).spec().template());
        api.create(new ReplicaSet(null, null, io.knetsim.api.ObjectMeta.of("default", "web-" + hash),
            new io.knetsim.api.ReplicaSetSpec(0, io.knetsim.api.LabelSelector.matching(Map.of("x", "y")),
                io.knetsim.api.PodTemplateSpec.of(Map.of("x", "y"), PodSpec.of(Container.of("c", "busybox")))), null));
        api.create(d);
        sim.runUntilIdle();
        Deployment now = api.get(Deployment.class, "default", "web");
        assertThat(now.status().collisionCount()).isEqualTo(1);
        String second = PodTemplateHash.of(now.spec().template(), 1);
        assertThat(second).isNotEqualTo(hash);
        assertThat(api.list(ReplicaSet.class).stream().map(r -> r.metadata().name()))
            .containsExactlyInAnyOrder("web-" + hash, "web-" + second);
        assertThat(pods()).hasSize(2).allMatch(n -> n.startsWith("web-" + second + "-"));
        assertThat(cm.deployments().givenUp()).isZero();
    }

    @Test
    void deletingTheDeploymentCollectsReplicaSetsAndPods() {
        api.create(web(3));
        sim.runUntilIdle();
        api.delete(Deployment.class, "default", "web");
        sim.runUntilIdle();
        assertThat(api.list(ReplicaSet.class)).isEmpty();
        assertThat(api.list(Pod.class)).isEmpty();
    }
}
