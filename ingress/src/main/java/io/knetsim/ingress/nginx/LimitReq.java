package io.knetsim.ingress.nginx;

/**
 * {@code limit_req zone=NAME [burst=N] [nodelay];} with {@code limit_req_status CODE;} in a
 * location. Up to {@code burst} requests beyond the rate wait (or, with {@code nodelay}, pass
 * at once); beyond that they get {@code status} (503 by default, as nginx).
 */
public record LimitReq(String zone, int burst, boolean nodelay, int status) {
    public LimitReq {
        NginxConfig.requireName("limit_req zone", zone);
        if (burst < 0) {
            throw new IllegalArgumentException("limit_req zone=" + zone + ": invalid burst " + burst + " (expected 0 or more)");
        }
        if (status < 400 || status > 599 || !ErrorPages.known(status)) {
            throw new IllegalArgumentException("limit_req_status " + status
                + ": expected a 4xx or 5xx status nginx has a page for, e.g. 429 or 503");
        }
    }

    public static LimitReq of(String zone, int burst, boolean nodelay) {
        return new LimitReq(zone, burst, nodelay, 503);
    }

    public LimitReq withStatus(int code) {
        return new LimitReq(zone, burst, nodelay, code);
    }
}
