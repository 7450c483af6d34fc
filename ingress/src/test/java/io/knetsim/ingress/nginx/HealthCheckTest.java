package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.HttpServer;
import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An upstream killed mid-test is taken out by the active health checks (GET /healthz every 2 s)
 * and put back when it returns; requests keep succeeding throughout.
 *
 * <pre>
 *   client --&gt; proxy :8001 location / -&gt; upstream app { up1:8000 "blue"; up2:8000 "green" }
 *                                          check interval=2000 rise=1 fall=1 timeout=1000
 * </pre>
 */
class HealthCheckTest {
    private final ProxyLab lab = new ProxyLab();

    @Test
    void aKilledUpstreamIsTakenOutAndBroughtBackWhileRequestsKeepSucceeding() {
        lab.recorder(lab.up1, 8000, "blue");
        HttpServer green = lab.recorder(lab.up2, 8000, "green");
        NginxProxy nginx = NginxProxy.start(lab.proxy, new NginxConfig("app", 8001, List.of(),
            List.of(Upstream.of("app", UpstreamServer.of("10.0.0.11", 8000).withPassiveHealth(0, 0),
                UpstreamServer.of("10.0.0.12", 8000).withPassiveHealth(0, 0))
                .withCheck(HealthCheck.get("/healthz", SimTime.seconds(2)))),
            List.of(Location.prefix("/", "app"))));
        assertThat(lab.body("/")).isEqualTo("blue");
        assertThat(lab.body("/")).isEqualTo("green");

        green.stop(); // nothing listens on up2:8000 any more: connections are refused
        lab.world.sim().runFor(SimTime.ms(2500));
        assertThat(nginx.isUp("app", "10.0.0.12:8000")).as("the 2 s check failed").isFalse();
        assertThat(nginx.isUp("app", "10.0.0.11:8000")).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(lab.body("/")).isEqualTo("blue");
        }

        lab.recorder(lab.up2, 8000, "green"); // back
        lab.world.sim().runFor(SimTime.seconds(2));
        assertThat(nginx.isUp("app", "10.0.0.12:8000")).isTrue();
        assertThat(List.of(lab.body("/"), lab.body("/"))).containsExactlyInAnyOrder("blue", "green");
        assertThat(nginx.responses(502)).isZero();
        assertThat(lab.received.stream().filter(r -> r.target().equals("/healthz")).count()).isPositive();
    }

    @Test
    void withoutActiveChecksPassiveHealthKeepsRequestsSucceeding() {
        lab.recorder(lab.up1, 8000, "blue");
        HttpServer green = lab.recorder(lab.up2, 8000, "green");
        NginxProxy nginx = NginxProxy.start(lab.proxy, new NginxConfig("app", 8001, List.of(),
            List.of(Upstream.of("app", UpstreamServer.of("10.0.0.11", 8000),
                UpstreamServer.of("10.0.0.12", 8000).withPassiveHealth(2, SimTime.seconds(30)))),
            List.of(Location.prefix("/", "app"))));
        green.stop();
        for (int i = 0; i < 20; i++) {
            assertThat(lab.body("/")).isEqualTo("blue");
        }
        assertThat(nginx.isUp("app", "10.0.0.12:8000")).as("max_fails=2 reached").isFalse();
        assertThat(nginx.responses(200)).isEqualTo(20);
        lab.world.sim().runFor(SimTime.seconds(31));
        assertThat(nginx.isUp("app", "10.0.0.12:8000")).as("fail_timeout=30s over").isTrue();
    }
}
