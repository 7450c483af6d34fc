package io.knetsim.ingress.nginx;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of one {@code limit_req_zone}: per client address, nginx's leaky bucket. Each
 * address keeps {@code excess} (requests beyond the rate, in thousandths) and the time of its
 * last accounted request in milliseconds. A request at {@code now} computes
 *
 * <pre>
 *   excess = max(0, excess - rate * (now - last) / 1000 + 1000)       (the first request: 0)
 *   excess &gt; burst * 1000      -&gt; rejected (state unchanged)
 *   otherwise                    -&gt; accounted; waits excess * 1000 / rate ms, or none with nodelay
 * </pre>
 *
 * so, with {@code rate=10r/s burst=5}, 100 requests in the same millisecond admit 1 + 5 = 6 and
 * reject 94 (ngx_http_limit_req_module's lookup and account steps).
 */
final class LimitReqTable {
    /** What to do with a request: reject it, or let it go after {@code delayMs}. */
    record Verdict(boolean rejected, long delayMs) {
    }

    private static final class Bucket {
        long excess;
        long last;
    }

    private final LimitReqZone zone;
    private final Map<Integer, Bucket> buckets = new HashMap<>();

    LimitReqTable(LimitReqZone zone) {
        this.zone = zone;
    }

    LimitReqZone zone() {
        return zone;
    }

    Verdict check(int clientAddress, long nowMs, LimitReq limit) {
        long rate = zone.milliRequestsPerSecond();
        Bucket b = buckets.get(clientAddress);
        if (b == null) {
            b = new Bucket();
            b.last = nowMs;
            buckets.put(clientAddress, b);
            return new Verdict(false, 0);
        }
        long ms = Math.max(0, nowMs - b.last);
        long excess = b.excess - rate * ms / 1000 + 1000;
        if (excess < 0) {
            excess = 0;
        }
        if (excess > limit.burst() * 1000L) {
            return new Verdict(true, 0);
        }
        b.excess = excess;
        if (ms != 0) {
            b.last = nowMs;
        }
        if (excess == 0 || limit.nodelay()) {
            return new Verdict(false, 0);
        }
        return new Verdict(false, excess * 1000 / rate);
    }
}
