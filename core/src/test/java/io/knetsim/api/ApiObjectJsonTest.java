package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.knetsim.sim.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects read and written in the Kubernetes JSON and YAML shape: a manifest as {@code kubectl
 * apply -f} reads it comes back from the API server with the fields it fills, in Kubernetes'
 * field order, empty fields left out.
 */
class ApiObjectJsonTest {
    private final Simulator sim = new Simulator(1);
    private final ApiServer api = new ApiServer(sim, "C0");
    private final ObjectMapper yaml = KubeJson.configure(new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

    @Test
    void podRoundTripsThroughJsonInKubernetesShape() {
        sim.runFor(5_000_000_000L);
        Pod p = api.create(KubeJson.fromJson("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"tier":"front","app":"web"}},
             "spec":{"containers":[{"name":"web","image":"nginx:1.25","ports":[{"containerPort":80}],
                                    "args":["-g","daemon off;"]}]}}""", Pod.class));
        String json = KubeJson.toJson(p);
        assertThat(json).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\","
            + "\"namespace\":\"default\",\"uid\":\"" + p.metadata().uid() + "\",\"resourceVersion\":\"5\","
            + "\"creationTimestamp\":\"1970-01-01T00:00:05Z\",\"labels\":{\"app\":\"web\",\"tier\":\"front\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\",\"args\":[\"-g\",\"daemon off;\"],"
            + "\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}]}],\"restartPolicy\":\"Always\"},"
            + "\"status\":{\"phase\":\"Pending\"}}");
        assertThat(p.metadata().uid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(KubeJson.fromJson(json, Pod.class)).isEqualTo(p);
    }

    @Test
    void runningPodStatusHasTheKubeletsFields() {
        Pod p = Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("web", "nginx", 80)))
            .withStatus(PodStatus.phase("Running").withIPs("10.0.0.3", "11.10.16.2")
                .withCondition(PodCondition.of("Ready", true, 0))
                .withContainerStatuses(List.of(new ContainerStatus("web", ContainerState.running(0), null, true, 0,
                    "docker.io/library/nginx:latest", null, null, true))));
        assertThat(KubeJson.toJson(p.status())).isEqualTo("{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"True\",\"lastTransitionTime\":\"1970-01-01T00:00:00Z\"}],\"hostIP\":\"10.0.0.3\","
            + "\"hostIPs\":[{\"ip\":\"10.0.0.3\"}],\"podIP\":\"11.10.16.2\",\"podIPs\":[{\"ip\":\"11.10.16.2\"}],"
            + "\"containerStatuses\":[{\"name\":\"web\",\"state\":{\"running\":{\"startedAt\":\"1970-01-01T00:00:00Z\"}},"
            + "\"ready\":true,\"restartCount\":0,\"image\":\"docker.io/library/nginx:latest\",\"started\":true}]}");
        assertThat(p.isReady()).isTrue();
    }

    @Test
    void deploymentManifestInYamlReadsAndWritesBack() throws Exception {
        String manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: hostnames
              labels:
                app: hostnames
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: hostnames
              template:
                metadata:
                  labels:
                    app: hostnames
                spec:
                  containers:
                  - name: hostnames
                    image: registry.k8s.io/serve_hostname
                    ports:
                    - containerPort: 9376
                      protocol: TCP
            """;
        Deployment d = yaml.readValue(manifest, Deployment.class);
        assertThat(d.spec().replicas()).isEqualTo(3);
        assertThat(d.spec().selector().matchLabels()).isEqualTo(Map.of("app", "hostnames"));
        assertThat(d.spec().template().spec().containers().get(0).ports().get(0).containerPort()).isEqualTo(9376);
        assertThat(yaml.writeValueAsString(d)).isEqualTo(manifest);
    }

    @Test
    void nodeShowsPodCidrAddressesAndReadyCondition() {
        Node n = api.create(Node.of("c0w1", "11.10.16.0/20", "10.0.0.3", true, 0));
        assertThat(KubeJson.toJson(n)).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"c0w1\","
            + "\"uid\":\"" + n.metadata().uid() + "\",\"resourceVersion\":\"5\",\"creationTimestamp\":\"1970-01-01T00:00:00Z\"},"
            + "\"spec\":{\"podCIDR\":\"11.10.16.0/20\",\"podCIDRs\":[\"11.10.16.0/20\"]},"
            + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastHeartbeatTime\":\"1970-01-01T00:00:00Z\","
            + "\"lastTransitionTime\":\"1970-01-01T00:00:00Z\",\"reason\":\"KubeletReady\",\"message\":\"kubelet is posting ready status\"}],"
            + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.0.0.3\"},{\"type\":\"Hostname\",\"address\":\"c0w1\"}]}}");
        assertThat(n.isReady()).isTrue();
    }

    @Test
    void namespaceAndStatusFailureShapes() {
        Namespace ns = api.get(Namespace.class, "default");
        assertThat(KubeJson.toJson(ns)).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\","
            + "\"uid\":\"" + ns.metadata().uid() + "\",\"resourceVersion\":\"1\",\"creationTimestamp\":\"1970-01-01T00:00:00Z\"},"
            + "\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}");
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
            () -> api.get(Pod.class, "default", "x"));
        assertThat(KubeJson.toJson(e.status())).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"pods \\\"x\\\" not found\",\"reason\":\"NotFound\","
            + "\"details\":{\"name\":\"x\",\"kind\":\"pods\"},\"code\":404}");
    }
}
