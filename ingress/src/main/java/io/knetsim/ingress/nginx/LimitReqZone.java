package io.knetsim.ingress.nginx;

/**
 * {@code limit_req_zone $binary_remote_addr zone=NAME:10m rate=R;}: a leaky bucket per client
 * address, drained at {@code rate}. nginx keeps the rate in thousandths of a request per second
 * ({@code 10r/s} is 10000, {@code 30r/m} is 500), and so does this record.
 */
public record LimitReqZone(String name, long milliRequestsPerSecond, String rateText) {
    public LimitReqZone {
        NginxConfig.requireName("limit_req_zone", name);
        if (milliRequestsPerSecond < 1) {
            throw new IllegalArgumentException("limit_req_zone " + name + ": invalid rate \"" + rateText + "\"");
        }
    }

    /** Parses nginx's rate syntax, {@code 10r/s} or {@code 30r/m}. */
    public static LimitReqZone of(String name, String rate) {
        long perUnit;
        long divisor;
        if (rate != null && rate.endsWith("r/s")) {
            divisor = 1;
        } else if (rate != null && rate.endsWith("r/m")) {
            divisor = 60;
        } else {
            throw new IllegalArgumentException("limit_req_zone " + name + ": invalid rate \"" + rate
                + "\" (expected Nr/s or Nr/m, e.g. 10r/s)");
        }
        try {
            perUnit = Long.parseLong(rate.substring(0, rate.length() - 3));
        } catch (NumberFormatException e) {
            perUnit = 0;
        }
        if (perUnit < 1) {
            throw new IllegalArgumentException("limit_req_zone " + name + ": invalid rate \"" + rate
                + "\" (expected Nr/s or Nr/m with N of 1 or more)");
        }
        return new LimitReqZone(name, perUnit * 1000 / divisor, rate);
    }
}
