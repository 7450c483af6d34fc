package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.RawClient;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting per client address as nginx's limit_req:
 *
 * <pre>
 *   limit_req_zone $binary_remote_addr zone=one:10m rate=10r/s;
 *   location / { proxy_pass http://10.0.0.11:8000; limit_req zone=one burst=5 [nodelay]; }
 * </pre>
 *
 * 100 requests at once: the first is free, five more fit the burst, 94 are rejected with 503.
 * With nodelay the six are served at once; without it the five burst requests wait 100 ms
 * apart (excess / rate).
 */
class LimitReqTest {
    private final ProxyLab lab = new ProxyLab();

    private NginxProxy start(LimitReq limit) {
        lab.recorder(lab.up1, 8000, "ok");
        return NginxProxy.start(lab.proxy, new NginxConfig("limited", 8001, List.of(LimitReqZone.of("one", "10r/s")),
            List.of(), List.of(Location.prefix("/", "10.0.0.11:8000").withLimitReq(limit))));
    }

    private List<RawClient> hundredAtOnce() {
        List<RawClient> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(lab.raw("GET /" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        }
        return all;
    }

    private static Map<String, Integer> statuses(List<RawClient> all) {
        Map<String, Integer> m = new TreeMap<>();
        for (RawClient r : all) {
            m.merge(r.text().substring(0, r.text().indexOf("\r\n")), 1, Integer::sum);
        }
        return m;
    }

    @Test
    void tenPerSecondBurstFiveNodelayAdmitsSixOfAHundredSentAtOnce() {
        NginxProxy nginx = start(LimitReq.of("one", 5, true));
        List<RawClient> all = hundredAtOnce();
        lab.world.sim().runFor(SimTime.ms(50));

        assertThat(statuses(all)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
            "HTTP/1.1 200 OK", 6, "HTTP/1.1 503 Service Temporarily Unavailable", 94)));
        assertThat(lab.received).hasSize(6);
        assertThat(nginx.responses(503)).isEqualTo(94);
    }

    @Test
    void withoutNodelayTheBurstWaitsOneRateIntervalEach() {
        start(LimitReq.of("one", 5, false));
        List<RawClient> all = hundredAtOnce();
        List<Long> servedAt = new ArrayList<>();
        lab.world.sim().runWhile(() -> {
            if (lab.received.size() > servedAt.size()) {
                servedAt.add(lab.world.sim().now() / SimTime.MS);
            }
            return lab.world.sim().now() < SimTime.seconds(2);
        });
        assertThat(statuses(all).get("HTTP/1.1 200 OK")).isEqualTo(6);
        assertThat(servedAt).hasSize(6);
        for (int k = 0; k < 6; k++) {
            assertThat(servedAt.get(k)).as("request %d", k).isBetween(100L * k, 100L * k + 5);
        }
    }

    @Test
    void aConfiguredStatusReplaces503AndTheBucketDrainsAtTheRate() {
        start(LimitReq.of("one", 0, false).withStatus(429));
        assertThat(lab.get("/").response().status()).isEqualTo(200);
        assertThat(lab.get("/").response().status()).isEqualTo(429);
        lab.world.sim().runFor(SimTime.ms(100));
        assertThat(lab.get("/").response().status()).as("100 ms later one more fits 10r/s").isEqualTo(200);
        assertThat(lab.get("/").response().bodyText()).contains("<title>429 Too Many Requests</title>");
    }

    @Test
    void theBucketArithmeticIsNginxs() {
        LimitReqTable t = new LimitReqTable(LimitReqZone.of("one", "10r/s"));
        LimitReq l = LimitReq.of("one", 5, false);
        int client = 0x0A000001;
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            LimitReqTable.Verdict v = t.check(client, 1000, l);
            got.add(v.rejected() ? "reject" : "delay " + v.delayMs());
        }
        assertThat(got).containsExactly("delay 0", "delay 100", "delay 200", "delay 300", "delay 400", "delay 500",
            "reject", "reject");
        assertThat(t.check(client, 1250, l).delayMs()).as("2.5 requests drained: excess 5000-2500+1000")
            .isEqualTo(350);
        assertThat(t.check(0x0A000002, 1250, l).delayMs()).as("another address has its own bucket").isZero();
        assertThat(LimitReqZone.of("slow", "30r/m").milliRequestsPerSecond()).isEqualTo(500);
    }
}
