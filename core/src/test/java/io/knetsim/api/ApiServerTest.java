package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.fields.FieldSelector;
import io.knetsim.api.labels.Selector;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API server as controllers use it: resourceVersions as one cluster-wide revision,
 * optimistic concurrency, status kept apart from spec, watches from a revision delivered on the
 * simulator clock, and garbage collection of owned objects.
 * <pre>
 *   client A: get web (rv 5) ─┐
 *   client B: get web (rv 5) ─┼─ A: update (rv 5) -> rv 6
 *                             └─ B: update (rv 5) -> 409 Conflict
 * </pre>
 */
class ApiServerTest {
    private final Simulator sim = new Simulator(11);
    private final ApiServer api = new ApiServer(sim, "C0");

    private static Pod pod(String name, Map<String, String> labels) {
        return Pod.of(ObjectMeta.of("default", name, labels), PodSpec.of(Container.of("web", "nginx", 80)));
    }

    @Test
    void everyWriteTakesTheNextClusterWideRevision() {
        assertThat(api.resourceVersion()).isEqualTo(4); // the four namespaces
        Pod a = api.create(pod("a", Map.of()));
        Node n = api.create(Node.of("c0w1", "11.10.16.0/20", "10.0.0.3", true, 0));
        Pod b = api.create(pod("b", Map.of()));
        assertThat(List.of(a.metadata().resourceVersion(), n.metadata().resourceVersion(), b.metadata().resourceVersion()))
            .containsExactly("5", "6", "7");
        assertThat(api.delete(Pod.class, "default", "a").metadata().resourceVersion()).isEqualTo("8");
        assertThat(api.resourceVersion()).isEqualTo(8);
    }

    @Test
    void staleUpdateFailsWithConflictAndChangesNothing() {
        Pod v5 = api.create(pod("web", Map.of("app", "web")));
        Pod a = v5.withMetadata(v5.metadata().withLabels(Map.of("app", "web", "tier", "a")));
        Pod b = v5.withMetadata(v5.metadata().withLabels(Map.of("app", "web", "tier", "b")));
        Pod updated = api.update(a);
        assertThat(updated.metadata().resourceVersion()).isEqualTo("6");
        assertThatThrownBy(() -> api.update(b)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on pods \"web\": the object has been "
                + "modified; please apply your changes to the latest version and try again");
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.reason()).isEqualTo("Conflict");
        });
        assertThat(api.get(Pod.class, "default", "web").metadata().labels()).containsEntry("tier", "a");
        assertThat(api.resourceVersion()).isEqualTo(6);
    }

    @Test
    void updateKeepsStatusAndUpdateStatusKeepsSpec() {
        Pod p = api.create(pod("web", Map.of()));
        Pod running = api.updateStatus(p.withStatus(PodStatus.phase("Running").withIPs("10.0.0.3", "11.10.16.2")));
        assertThat(running.status().podIP()).isEqualTo("11.10.16.2");
        Pod bound = api.update(running.withSpec(running.spec().withNodeName("c0w1")).withStatus(null));
        assertThat(bound.spec().nodeName()).isEqualTo("c0w1");
        assertThat(bound.status().phase()).isEqualTo("Running");
        Pod tried = api.updateStatus(bound.withSpec(bound.spec().withNodeName("elsewhere")));
        assertThat(tried.spec().nodeName()).isEqualTo("c0w1");
        assertThat(tried.metadata().uid()).isEqualTo(p.metadata().uid());
    }

    @Test
    void noOpUpdateWritesNothing() {
        Pod p = api.create(pod("web", Map.of()));
        assertThat(api.update(p)).isSameAs(api.get(Pod.class, "default", "web"));
        assertThat(api.resourceVersion()).isEqualTo(5);
    }

    @Test
    void deploymentGenerationMovesOnlyWithSpec() {
        Deployment d = api.create(Deployment.of("default", "web", 1, Map.of("app", "web"),
            PodSpec.of(Container.of("web", "nginx"))));
        assertThat(d.metadata().generation()).isEqualTo(1L);
        Deployment scaled = api.update(d.withReplicas(3));
        assertThat(scaled.metadata().generation()).isEqualTo(2L);
        Deployment labelled = api.update(scaled.withMetadata(scaled.metadata().withLabels(Map.of("team", "a"))));
        assertThat(labelled.metadata().generation()).isEqualTo(2L);
    }

    @Test
    void listFiltersByNamespaceAndLabelSelector() {
        api.create(Namespace.named("prod"));
        api.create(pod("a", Map.of("app", "web", "env", "prod")));
        api.create(pod("b", Map.of("app", "web", "env", "dev")));
        api.create(pod("c", Map.of("app", "db")));
        api.create(Pod.of(ObjectMeta.of("prod", "d", Map.of("app", "web")), PodSpec.of(Container.of("c", "nginx"))));
        assertThat(names(api.list(Pod.class, "default", "app=web"))).containsExactly("a", "b");
        assertThat(names(api.list(Pod.class, null, "app=web"))).containsExactly("a", "b", "d");
        assertThat(names(api.list(Pod.class, "default", "app in (web,db),env!=dev"))).containsExactly("a", "c");
        assertThat(names(api.list(Pod.class, "default", "!env"))).containsExactly("c");
        assertThat(names(api.list(Pod.class, "prod", ""))).containsExactly("d");
    }

    @Test
    void fieldSelectorsAsAKubeletUsesThem() {
        Pod a = api.create(pod("a", Map.of()));
        api.create(pod("b", Map.of()));
        List<String> seen = new ArrayList<>();
        api.watch(Pod.class, null, null, FieldSelector.parse("spec.nodeName=c0w1"), null,
            e -> seen.add(e.type() + " " + e.object().metadata().name()));
        Pod bound = api.update(a.withSpec(a.spec().withNodeName("c0w1")));
        sim.runUntilIdle();
        assertThat(seen).as("binding makes the pod appear on the node's watch").containsExactly("ADDED a");
        assertThat(names(api.list(Pod.class, null, "", "spec.nodeName=c0w1,status.phase=Pending"))).containsExactly("a");
        assertThat(names(api.list(Pod.class, "default", null, "spec.nodeName="))).containsExactly("b");
        assertThat(names(api.list(Pod.class, "default", null, "metadata.name!=a"))).containsExactly("b");
        api.delete(Pod.class, "default", bound.metadata().name());
        sim.runUntilIdle();
        assertThat(seen).containsExactly("ADDED a", "DELETED a");
        assertThatThrownBy(() -> api.list(Pod.class, null, null, "spec.foo=x"))
            .isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("field label not supported: spec.foo");
                assertThat(e.code()).isEqualTo(400);
                assertThat(e.reason()).isEqualTo("BadRequest");
            });
        assertThatThrownBy(() -> api.list(Pod.class, null, "app in (", null))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                .isEqualTo("unable to parse requirement: found '', expected: ',', ')' or identifier"));
    }

    @Test
    void watchFromARevisionReplaysLaterChangesOnTheClock() {
        api.create(pod("a", Map.of("app", "web")));
        String from = Long.toString(api.resourceVersion());
        api.create(pod("b", Map.of("app", "web")));
        Pod c = api.create(pod("c", Map.of("app", "db")));
        List<String> seen = new ArrayList<>();
        api.watch(Pod.class, "default", Selector.parse("app=web"), from,
            e -> seen.add(e.type() + " " + e.object().metadata().name() + " " + e.object().metadata().resourceVersion()));
        api.update(c.withMetadata(c.metadata().withLabels(Map.of("app", "web"))));
        api.delete(Pod.class, "default", "a");
        assertThat(seen).as("nothing before the clock runs").isEmpty();
        sim.runUntilIdle();
        assertThat(seen).containsExactly("ADDED b 6", "ADDED c 8", "DELETED a 9");
    }

    @Test
    void watchWithoutRevisionStartsWithTheCurrentObjects() {
        api.create(pod("a", Map.of()));
        List<String> seen = new ArrayList<>();
        Watch w = api.watch(Pod.class, null, null, null, e -> seen.add(e.type() + " " + e.object().metadata().name()));
        Pod b = api.create(pod("b", Map.of()));
        api.updateStatus(b.withStatus(PodStatus.phase("Running")));
        sim.runUntilIdle();
        assertThat(seen).containsExactly("ADDED a", "ADDED b", "MODIFIED b");
        w.stop();
        api.delete(Pod.class, "default", "b");
        sim.runUntilIdle();
        assertThat(seen).hasSize(3);
    }

    @Test
    void watchHandlersMayWriteWithoutReentrancy() {
        List<String> seen = new ArrayList<>();
        api.watch(Pod.class, "default", null, null, e -> {
            seen.add("start " + e.object().metadata().name());
            if (e.type() == WatchEvent.Type.ADDED && e.object().metadata().name().equals("a")) {
                api.create(pod("b", Map.of()));
            }
            seen.add("end " + e.object().metadata().name());
        });
        api.create(pod("a", Map.of()));
        sim.runUntilIdle();
        assertThat(seen).containsExactly("start a", "end a", "start b", "end b");
    }

    @Test
    void watchFromACompactedRevisionIsExpired() {
        api.setHistoryLimit(2);
        for (String n : List.of("a", "b", "c")) {
            api.create(pod(n, Map.of()));
        }
        assertThatThrownBy(() -> api.watch(Pod.class, null, null, "3", e -> { }))
            .isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("too old resource version: 3 (5)");
                assertThat(e.code()).isEqualTo(410);
                assertThat(e.reason()).isEqualTo("Expired");
            });
    }

    @Test
    void deletingAnOwnerGarbageCollectsItsDependents() {
        ReplicaSet rs = api.create(new ReplicaSet(null, null, ObjectMeta.of("default", "web-1"),
            new ReplicaSetSpec(2, LabelSelector.matching(Map.of("app", "web")),
                PodTemplateSpec.of(Map.of("app", "web"), PodSpec.of(Container.of("web", "nginx")))), null));
        OwnerReference ref = OwnerReference.controllerOf(rs);
        for (String n : List.of("web-1-a", "web-1-b")) {
            api.create(pod(n, Map.of("app", "web")).withMetadata(ObjectMeta.of("default", n, Map.of("app", "web"))
                .withOwnerReferences(List.of(ref))));
        }
        api.create(pod("other", Map.of("app", "web")));
        api.delete(ReplicaSet.class, "default", "web-1");
        assertThat(names(api.list(Pod.class))).as("collected in the background").hasSize(3);
        sim.runUntilIdle();
        assertThat(names(api.list(Pod.class))).containsExactly("other");
    }

    @Test
    void orphanDeletionLeavesDependentsWithoutTheirOwner() {
        Deployment d = api.create(Deployment.of("default", "web", 1, Map.of("app", "web"),
            PodSpec.of(Container.of("web", "nginx"))));
        api.create(pod("p", Map.of("app", "web")).withMetadata(ObjectMeta.of("default", "p", Map.of("app", "web"))
            .withOwnerReferences(List.of(OwnerReference.controllerOf(d)))));
        api.delete(Deployment.class, "default", "web", PropagationPolicy.ORPHAN);
        sim.runUntilIdle();
        assertThat(api.get(Pod.class, "default", "p").metadata().ownerReferences()).isEmpty();
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() {
        api.create(Namespace.named("prod"));
        api.create(Pod.of(ObjectMeta.of("prod", "a"), PodSpec.of(Container.of("c", "nginx"))));
        api.create(pod("b", Map.of()));
        api.delete(Namespace.class, null, "prod");
        assertThat(names(api.list(Pod.class))).containsExactly("b");
    }

    @Test
    void eventsRepeatWithACount() {
        Pod p = api.create(pod("web", Map.of()));
        EventRecorder rec = new EventRecorder(api, "default-scheduler", null);
        rec.record(p, EventRecorder.WARNING, "FailedScheduling", "no nodes available to schedule pods");
        sim.runFor(3_000_000_000L);
        Event e = rec.record(p, EventRecorder.WARNING, "FailedScheduling", "no nodes available to schedule pods");
        assertThat(e.metadata().name()).isEqualTo("web.0");
        assertThat(e.count()).isEqualTo(2);
        assertThat(e.firstTimestamp()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(e.lastTimestamp()).isEqualTo("1970-01-01T00:00:03Z");
        assertThat(KubeJson.toJson(e)).contains("\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\","
            + "\"name\":\"web\",\"uid\":\"" + p.metadata().uid() + "\",\"apiVersion\":\"v1\",\"resourceVersion\":\"5\"},"
            + "\"reason\":\"FailedScheduling\",\"message\":\"no nodes available to schedule pods\","
            + "\"source\":{\"component\":\"default-scheduler\"},\"firstTimestamp\":\"1970-01-01T00:00:00Z\","
            + "\"lastTimestamp\":\"1970-01-01T00:00:03Z\",\"count\":2,\"type\":\"Warning\"}");
    }

    @Test
    void kindsAreFoundByManifestKindAndByResourceName() {
        assertThat(api.typeForKind("apps/v1", "Deployment")).contains(Deployment.TYPE);
        assertThat(api.typeForKind("v1", "Deployment")).isEmpty();
        assertThat(api.typeForResource("pods")).contains(Pod.TYPE);
        assertThat(api.typeForResource("pod")).contains(Pod.TYPE);
        assertThat(api.typeForResource("replicasets.apps")).contains(ReplicaSet.TYPE);
        assertThat(api.typeForResource("services")).isEmpty();
    }

    @Test
    void sameSeedSameUids() {
        Pod a = api.create(pod("web", Map.of()));
        ApiServer other = new ApiServer(new Simulator(11), "C0");
        assertThat(other.create(pod("web", Map.of())).metadata().uid()).isEqualTo(a.metadata().uid());
        ApiServer c1 = new ApiServer(new Simulator(11), "C1");
        assertThat(c1.create(pod("web", Map.of())).metadata().uid()).isNotEqualTo(a.metadata().uid());
    }

    private static List<String> names(List<? extends KubeObject<?>> objs) {
        return objs.stream().map(o -> o.metadata().name()).toList();
    }
}
