package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.app.http.AsyncHttpHandler;
import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpResult;
import io.knetsim.app.http.HttpServer;
import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Live reconfiguration, as {@code nginx -s reload}: a request in flight on the old
 * configuration finishes there; the next one uses the new configuration.
 *
 * <pre>
 *   before: location /svc1 -&gt; up1:8000 (answers "old" after 5 s)
 *   after:  location /svc1 -&gt; up2:8000 ("new")
 * </pre>
 */
class ReloadTest {
    private final ProxyLab lab = new ProxyLab();

    @Test
    void inFlightRequestsFinishOnTheOldConfigurationAndNewOnesUseTheNew() {
        new HttpServer(lab.up1, 8000, (AsyncHttpHandler) (req, responder) ->
            lab.world.sim().after(SimTime.seconds(5), () -> responder.respond(HttpResponse.text(200, "OK", "old\n"))))
            .start();
        lab.recorder(lab.up2, 8000, "new");
        NginxProxy nginx = NginxProxy.start(lab.proxy,
            NginxConfig.of("grp1", 8001, List.of(Location.prefix("/svc1", "10.0.0.11:8000"))));

        HttpResult[] slow = new HttpResult[1];
        new io.knetsim.app.http.HttpClient(lab.client, "curl/8.5.0").send(
            io.knetsim.app.http.HttpClientRequest.get(io.knetsim.addr.Ipv4Address.parse("10.0.0.2").bits(), 8001, "/svc1"),
            r -> slow[0] = r);
        lab.world.sim().runFor(SimTime.seconds(1));
        nginx.reload(NginxConfig.of("grp1", 8001, List.of(Location.prefix("/svc1", "10.0.0.12:8000"))));

        assertThat(lab.body("/svc1")).isEqualTo("new");
        assertThat(slow[0]).isNull();
        lab.world.sim().runWhile(() -> slow[0] == null);
        assertThat(slow[0].response().bodyText()).isEqualTo("old\n");
        assertThat(lab.proxy.files().readString("/etc/nginx/conf.d/grp1.conf")).contains("proxy_pass http://10.0.0.12:8000;");
    }

    @Test
    void aReloadToAPortInUseLeavesTheProxyAsItWas() {
        lab.recorder(lab.up1, 8000, "S1-W2");
        lab.recorder(lab.proxy, 9000, "taken");
        NginxConfig first = NginxConfig.of("grp1", 8001, List.of(Location.prefix("/", "10.0.0.11:8000")));
        NginxProxy nginx = NginxProxy.start(lab.proxy, first);
        String file = lab.proxy.files().readString("/etc/nginx/conf.d/grp1.conf");

        assertThatThrownBy(() -> nginx.reload(NginxConfig.of("grp1", 9000, List.of(Location.prefix("/", "10.0.0.12:8000")))))
            .hasMessage("nginx: [emerg] bind() to 0.0.0.0:9000 failed (98: Address already in use)");
        assertThat(nginx.config()).isEqualTo(first);
        assertThat(lab.proxy.files().readString("/etc/nginx/conf.d/grp1.conf")).isEqualTo(file);
        assertThat(lab.body("/")).isEqualTo("S1-W2");
    }

    @Test
    void aSecondProxyOfTheSameNameIsRefusedAndAStoppedOneFreesItsNameAndPort() {
        NginxConfig c = NginxConfig.of("grp1", 8001, List.of(Location.prefix("/", "10.0.0.11:8000")));
        NginxProxy nginx = NginxProxy.start(lab.proxy, c);
        assertThatThrownBy(() -> NginxProxy.start(lab.proxy, NginxConfig.of("grp1", 8002, List.of())))
            .hasMessage("ingress grp1 already runs on proxy (/etc/nginx/conf.d/grp1.conf exists)");
        nginx.stop();
        assertThat(lab.proxy.files().exists("/etc/nginx/conf.d/grp1.conf")).isFalse();
        assertThat(lab.get("/").error().name()).isEqualTo("CONNECTION_REFUSED");
        NginxProxy.start(lab.proxy, c);
    }
}
