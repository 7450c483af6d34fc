package io.knetsim.scenarios.skupper;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.net.World;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.RunningWorld;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.router.SkupperRouter;
import io.knetsim.skupper.site.SkupperNetwork;
import io.knetsim.skupper.site.SkupperRouterProcess;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: Skupper's getting-started at the knetsim prompt, on the default world's two clusters.
 *
 * <pre>
 *   C0                                                  C1 (kube-proxy, CoreDNS)
 *   knetsim> skupper init                               knetsim> skupper --context C1 init
 *   knetsim> skupper token create c0.token ──c0.token──▶ knetsim> skupper --context C1 link create c0.token
 *   C0w1 10.0.0.3  router C0  ◀═══ AMQP :55671 ═══════  C1w1 10.0.0.8  router C1 (connector link1)
 *     tcpConnector nginx@POD:80 ──▶ nginx pod :80         tcpListener nginx:8080 :8080
 *   kubectl create deployment nginx --image=nginx         Service nginx :8080 ─▶ 10.0.0.8:8080
 *   skupper expose deployment/nginx --port 8080 --target-port 80
 *                                                       client pod: curl nginx:8080 → "Welcome to nginx!"
 * </pre>
 */
class SkupperVerbsLabTest {
    @TempDir
    Path dir;
    private ClusterWorld world;
    private Cluster c1;
    private Session shell;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    @BeforeEach
    void build() {
        world = ClusterWorld.twoClusters(1, ClusterSpec.FLANNEL_VXLAN, dir).boot();
        for (Cluster c : world.clusters()) {
            c.startKubeProxy(SimTime.seconds(1));
        }
        c1 = world.cluster("C1");
        c1.startClusterDns();
        world.world().sim().runFor(SimTime.seconds(10));
        ClusterWorld w = world;
        shell = new Session(new RunningWorld() {
            @Override
            public String description() {
                return "two clusters";
            }

            @Override
            public World world() {
                return w.world();
            }

            @Override
            public ToolRunner runner() {
                return w.runner();
            }

            @Override
            public PyForms py() {
                return null;
            }

            @Override
            public ClusterWorld clusters() {
                return w;
            }
        }, out::append, err::append);
    }

    /** Types a line at the prompt; returns what it printed (stdout then stderr). */
    private String type(String line, boolean ok) {
        out.setLength(0);
        err.setLength(0);
        boolean done = shell.execute(line);
        assertThat(done).as(line + ": " + out + err).isEqualTo(ok);
        return out.toString() + err;
    }

    @Test
    void aPodInC1ReachesNginxInC0ByServiceNameThroughTheRouters() throws Exception {
        String installed = "Skupper is now installed in namespace 'default'.  Use 'skupper status' to get more "
            + "information.\n";
        assertThat(type("skupper init", true)).isEqualTo(installed);
        assertThat(type("skupper --context C1 init", true)).isEqualTo(installed);
        assertThat(type("skupper token create c0.token", true)).isEqualTo("Token written to c0.token\n");
        assertThat(Files.readString(dir.resolve("c0.token"))).contains("    inter-router-host: 10.0.0.3\n",
            "    inter-router-port: \"55671\"\n", "    skupper.io/type: connection-token\n");
        assertThat(type("skupper --context C1 link create c0.token", true)).isEqualTo(
            "Site configured to link to 10.0.0.3:55671 (name=link1)\n"
                + "Check the status of the link using 'skupper link status'.\n");
        assertThat(type("kubectl create deployment nginx --image=nginx", true))
            .isEqualTo("deployment.apps/nginx created\n");
        assertThat(type("run 10s", true)).isEmpty();
        assertThat(type("skupper --context C1 link status", true)).isEqualTo("Link link1 is active\n");

        assertThat(type("skupper expose deployment/nginx --port 8080 --target-port 80", true))
            .isEqualTo("deployment nginx exposed as nginx\n");
        assertThat(type("run 20s", true)).isEmpty(); // both routers restart with their new configuration and relink
        assertThat(type("skupper --context C1 status", true)).isEqualTo("Skupper is enabled for namespace \"default\" "
            + "with site name \"C1\" in interior mode. It is connected to 1 other site. It has 1 exposed service.\n");
        assertThat(type("skupper status", true)).isEqualTo("Skupper is enabled for namespace \"default\" "
            + "with site name \"C0\" in interior mode. It is connected to 1 other site. It has 1 exposed service.\n");

        assertThat(type("C1w1 cat /etc/skupper-router/skrouterd.json", true)).contains(
            "  [\"connector\", {\"name\": \"link1\", \"role\": \"inter-router\", \"host\": \"10.0.0.3\", "
                + "\"port\": \"55671\", \"cost\": 1, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],\n",
            "  [\"tcpListener\", {\"name\": \"nginx:8080\", \"host\": \"0.0.0.0\", \"port\": \"8080\", "
                + "\"address\": \"nginx\", \"siteId\": \"C1\"}]\n");
        String nodes = type("C1w1 skstat -n", true);
        assertThat(nodes).contains("Routers in the Network\n").containsPattern("\n  C0 +- +\\d+ *\n")
            .containsPattern("\n  C1 +\\(self\\)");

        Pod nginx = world.cluster("C0").api().list(Pod.class, "default", "app=nginx").get(0);
        var c0Router = ((SkupperRouterProcess) SkupperNetwork.of(world.world()).site("C0").router().orElseThrow()).router();
        assertThat(c0Router.namespace().name()).isEqualTo("C0w1");
        assertThat(c0Router.config().tcpConnectors()).extracting(c -> c.name() + " -> " + c.host() + ":" + c.port())
            .containsExactly("nginx@" + nginx.status().podIP() + ":80 -> " + nginx.status().podIP() + ":80");
        assertThat(c1.api().get(Service.class, "default", "nginx").spec().selector()).isEmpty();
        assertThat(c1.api().get(EndpointSlice.class, "default", "nginx-skupper").endpoints().get(0).addresses())
            .containsExactly("10.0.0.8");

        c1.worker("w2").createContainer("client");
        world.world().sim().runFor(SimTime.seconds(5));
        String page = type("C1/client curl -s nginx:8080", true);
        assertThat(page).startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>");
        Invocation again = c1.worker("w2").execContainer("client", "curl -si nginx.default.svc.cluster.local:8080/missing");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).startsWith("HTTP/1.1 404 Not Found\r\n").contains("<center>nginx/1.27.3</center>");
        var c1Router = ((SkupperRouterProcess) SkupperNetwork.of(world.world()).site("C1").router().orElseThrow()).router();
        assertThat(c1Router.streamsByAddress()).isEqualTo(Map.of("nginx", 2L)); // both curls went through C1's tcpListener
    }

    @Test
    void refusalsAtThePromptFailTheLine() {
        assertThat(type("skupper --context C1 link create c0.token", false))
            .isEqualTo("Error: Skupper is not enabled in namespace 'default'\n");
        assertThat(shell.lastExitCode()).isEqualTo(1);
        type("skupper init", true);
        assertThat(type("skupper expose deployment/web --port 8080", false))
            .isEqualTo("Error: Unable to create skupper service: deployments.apps \"web\" not found\n");
        assertThat(type("skupper --context C7 status", false)).isEqualTo("error: context \"C7\" does not exist\n");
        assertThat(type("skupper token --help", true)).startsWith("Manage skupper tokens\n");

        // a router started by other means already runs on C1's router host
        SkupperRouter.start(c1.worker("w1").host(), RouterConfig.parse(
            "[[\"router\", {\"id\": \"labs-C1\", \"mode\": \"interior\"}]]", "labs-C1.json"));
        assertThat(type("skupper --context C1 init", false)).isEqualTo("Error: Failed to start the router on C1w1: "
            + "C1.json: a router already runs on C1w1 (labs-C1)\n");
        assertThat(type("skupper --context C1 status", true)).isEqualTo("Skupper is not enabled in namespace 'default'\n");
    }
}
