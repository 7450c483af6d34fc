package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration model: what nginx.conf text it renders, and bad input refused with the field named. */
class NginxConfigTest {
    @Test
    void aFullConfigurationRendersAsNginxConfText() {
        NginxConfig c = new NginxConfig("shop", 8080, List.of(LimitReqZone.of("perip", "10r/s")),
            List.of(Upstream.of("web", UpstreamServer.of("11.10.32.2", 8000).withWeight(9),
                    UpstreamServer.of("11.10.48.2", 8000).withPassiveHealth(3, SimTime.seconds(30)))
                .withCheck(HealthCheck.get("/healthz", SimTime.seconds(5)))),
            List.of(Location.prefix("/", "web").withLimitReq(LimitReq.of("perip", 5, true).withStatus(429)),
                Location.exact("/slow", "100.64.11.1:8000").withReadTimeout(SimTime.ms(1500))
                    .withConnectTimeout(SimTime.seconds(5))));
        assertThat(NginxConfWriter.render(c)).isEqualTo("""
            # ingress shop
            limit_req_zone $binary_remote_addr zone=perip:10m rate=10r/s;

            upstream web {
                server 11.10.32.2:8000 weight=9;
                server 11.10.48.2:8000 max_fails=3 fail_timeout=30s;
                check interval=5000 rise=1 fall=1 timeout=1000 type=http default_down=false;
                check_http_send "GET /healthz HTTP/1.0\\r\\n\\r\\n";
                check_http_expect_alive http_2xx http_3xx;
            }

            server {
                listen 8080;

                location / {
                    proxy_pass http://web;
                    limit_req zone=perip burst=5 nodelay;
                    limit_req_status 429;
                }

                location = /slow {
                    proxy_pass http://100.64.11.1:8000;
                    proxy_connect_timeout 5s;
                    proxy_read_timeout 1500ms;
                }
            }
            """);
    }

    @Test
    void badInputNamesTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> NginxConfig.of("grp1", 8001, List.of(Location.prefix("/a", "nowhere"))))
            .hasMessage("ingress grp1: location /a: proxy_pass: invalid endpoint \"nowhere\" "
                + "(expected ADDRESS:PORT, e.g. 100.64.11.1:8000)");
        assertThatThrownBy(() -> NginxConfig.of("grp1", 8001, List.of(Location.prefix("/a", "10.0.0.1:99999"))))
            .hasMessage("ingress grp1: location /a: proxy_pass: invalid port in \"10.0.0.1:99999\" (expected 1-65535)");
        assertThatThrownBy(() -> NginxConfig.of("grp1", 8001,
            List.of(Location.prefix("/a", "10.0.0.1:80"), Location.prefix("/a", "10.0.0.2:80"))))
            .hasMessage("ingress grp1: duplicate location \"/a\"");
        assertThatThrownBy(() -> NginxConfig.of("grp1", 0, List.of()))
            .hasMessage("ingress grp1: invalid listen port 0 (expected 1-65535)");
        assertThatThrownBy(() -> NginxConfig.of("grp 1", 8001, List.of()))
            .hasMessage("ingress: invalid name \"grp 1\" (expected letters, digits, '.', '_' or '-')");
        assertThatThrownBy(() -> Location.prefix("svc1", "10.0.0.1:80"))
            .hasMessage("location: invalid path \"svc1\" (expected a path starting with /)");
        assertThatThrownBy(() -> new NginxConfig("grp1", 8001, List.of(), List.of(),
            List.of(Location.prefix("/", "10.0.0.1:80").withLimitReq(LimitReq.of("one", 5, true)))))
            .hasMessage("ingress grp1: location /: unknown limit_req zone \"one\"");
        assertThatThrownBy(() -> LimitReqZone.of("one", "10r/h"))
            .hasMessage("limit_req_zone one: invalid rate \"10r/h\" (expected Nr/s or Nr/m, e.g. 10r/s)");
        assertThatThrownBy(() -> LimitReq.of("one", 5, true).withStatus(418))
            .hasMessage("limit_req_status 418: expected a 4xx or 5xx status nginx has a page for, e.g. 429 or 503");
        assertThatThrownBy(() -> UpstreamServer.of("10.0.0.1", 80).withWeight(0))
            .hasMessage("upstream server 10.0.0.1:80: invalid weight 0 (expected 1 or more)");
        assertThatThrownBy(() -> Upstream.of("u", UpstreamServer.of("10.0.0.1", 80), UpstreamServer.of("10.0.0.1", 80)))
            .hasMessage("upstream u: duplicate server 10.0.0.1:80");
    }
}
