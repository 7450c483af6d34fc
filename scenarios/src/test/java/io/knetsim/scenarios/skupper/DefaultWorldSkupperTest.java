package io.knetsim.scenarios.skupper;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.Pod;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.DefaultWorld;
import io.knetsim.skupper.router.SkupperRouter;
import io.knetsim.skupper.site.ExposedService;
import io.knetsim.skupper.site.SkupperNetwork;
import io.knetsim.skupper.site.SkupperRouterProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: the default world's routers, started by hand as the original labs started them, are
 * Skupper sites at the prompt: {@code skupper status} sees them enabled and linked, and
 * {@code skupper expose} adds a service on top of the existing link.
 *
 * <pre>
 *   C1w1 10.0.0.8 [router C1]  connector "C0" ══════════════▶ C0w1 10.0.0.3:55671 [router C0]
 *     tcpListener svc1 :1028                                   tcpConnector svc1 ─▶ c4 :80
 *     tcpListener web:8080 :8080   (skupper expose)            tcpConnector web@POD:80 ─▶ web pod :80
 *   Service web :8080 ─▶ 10.0.0.8:8080
 *   C1/c1 curl -s web:8080  → "Welcome to nginx!" (from C0)
 * </pre>
 */
class DefaultWorldSkupperTest {
    private static final String INSTALLED = "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
        + "to get more information.\n";

    @TempDir
    Path dir;
    private DefaultWorld world;
    private Session shell;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    @BeforeEach
    void build() {
        world = DefaultWorld.build(1, dir);
        shell = new Session(world, out::append, err::append);
    }

    /** Types a line at the prompt; returns what it printed (stdout then stderr). */
    private String type(String line, boolean ok) {
        out.setLength(0);
        err.setLength(0);
        boolean done = shell.execute(line);
        assertThat(done).as(line + ": " + out + err).isEqualTo(ok);
        return out.toString() + err;
    }

    private static String status(String site, int sites, String services) {
        return "Skupper is enabled for namespace \"default\" with site name \"" + site + "\" in interior mode. It is "
            + "connected to " + sites + " other site. It has " + services + ".\n";
    }

    @Test
    void theWorldsRoutersAreEnabledLinkedSitesWithSvc1Exposed() {
        assertThat(type("skupper --context C1 status", true)).isEqualTo(status("C1", 1, "1 exposed service"));
        assertThat(type("skupper status", true)).isEqualTo(status("C0", 1, "1 exposed service"));
        // C1's link is the connector the generator named after the site it links to
        assertThat(type("skupper --context C1 link status", true)).isEqualTo("Link C0 is active\n");
        assertThat(type("skupper link status", true)).isEqualTo("There are no links configured or active\n");
        assertThat(SkupperNetwork.of(world.world()).exposed()).containsExactly(new ExposedService("svc1", 1028, 80, "C0"));
        // the sites are installed already: init changes nothing, the routers run on
        SkupperRouter c1 = world.routers().router("C1");
        assertThat(type("skupper --context C1 init", true)).isEqualTo(INSTALLED);
        assertThat(world.routers().router("C1")).isSameAs(c1);
        assertThat(((SkupperRouterProcess) SkupperNetwork.of(world.world()).site("C1").router().orElseThrow()).router())
            .isSameAs(c1);
    }

    @Test
    void aDeploymentInC0ExposedOnTopOfTheWorldsLinkIsReachedFromC1ByName() {
        assertThat(type("kubectl create deployment web --image=nginx", true)).isEqualTo("deployment.apps/web created\n");
        assertThat(type("run 10s", true)).isEmpty();
        assertThat(type("skupper expose deployment/web --port 8080 --target-port 80", true))
            .isEqualTo("deployment web exposed as web\n");
        assertThat(type("run 20s", true)).isEmpty(); // C0's and C1's routers restart and relink

        assertThat(type("skupper --context C1 status", true)).isEqualTo(status("C1", 1, "2 exposed services"));
        assertThat(type("skupper status", true)).isEqualTo(status("C0", 1, "2 exposed services"));
        assertThat(type("skupper --context C1 link status", true)).isEqualTo("Link C0 is active\n");
        String web = world.clusters().cluster("C0").api().list(Pod.class, "default", "app=web").get(0).status().podIP();
        // RouterNetwork gives the routers running now, with the configuration expose made
        assertThat(world.routers().router("C0").config().tcpConnectors()).extracting(c -> c.name())
            .containsExactly("svc1", "web@" + web + ":80");
        assertThat(world.routers().router("C1").config().tcpListeners()).extracting(l -> l.name() + " :" + l.port())
            .containsExactly("svc1 :1028", "web:8080 :8080");
        assertThat(type("C1w1 cat /etc/skupper-router/config/skrouterd.json", true)).contains(
            "  [\"connector\", {\"name\": \"C0\", \"role\": \"inter-router\", \"host\": \"10.0.0.3\", \"port\": \"55671\", "
                + "\"cost\": 1, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],\n",
            "  [\"tcpListener\", {\"name\": \"web:8080\", \"host\": \"0.0.0.0\", \"port\": \"8080\", "
                + "\"address\": \"web\", \"siteId\": \"C1\"}]\n");

        // a pod of C1 reaches the new deployment by its Service name, and svc1 as before
        assertThat(type("C1/c1 curl -s web:8080", true))
            .startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>");
        assertThat(type("C1/c1 curl -s 10.0.0.8:1028", true))
            .startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>");
        assertThat(world.routers().router("C1").streamsByAddress()).containsEntry("web", 1L).containsEntry("svc1", 1L);
        world.routers().awaitConverged();
    }

    @Test
    void exposingAnAddressTheWorldExposedAlreadyIsRefused() {
        assertThat(type("kubectl create deployment svc1 --image=nginx", true)).isEqualTo("deployment.apps/svc1 created\n");
        assertThat(type("run 10s", true)).isEmpty();
        assertThat(type("skupper --context C0 expose deployment/svc1 --port 8080", false)).isEqualTo(
            "Error: Unable to create skupper service: service svc1 is already exposed (from site C0, port 1028)\n");
    }
}
