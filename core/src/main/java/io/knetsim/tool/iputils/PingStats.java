package io.knetsim.tool.iputils;

import java.math.BigDecimal;
import java.math.MathContext;

/** Round-trip statistics and the closing lines of ping, in iputils' exact formats. */
final class PingStats {
    long transmitted;
    long received;
    long errors;
    private long minUs = Long.MAX_VALUE;
    private long maxUs;
    private long sumUs;
    private double sumSq;

    void addRtt(long rttUs) {
        received++;
        minUs = Math.min(minUs, rttUs);
        maxUs = Math.max(maxUs, rttUs);
        sumUs += rttUs;
        sumSq += (double) rttUs * rttUs;
    }

    /** {@code time=0.123 ms}: fewer decimals as the time grows, as iputils prints it. */
    static String tripTime(long us) {
        if (us >= 100_000 - 50) {
            return (us + 500) / 1000 + " ms";
        }
        if (us >= 10_000 - 5) {
            return (us + 50) / 1000 + "." + ((us + 50) % 1000) / 100 + " ms";
        }
        if (us >= 1000) {
            return (us + 5) / 1000 + "." + String.format("%02d", ((us + 5) % 1000) / 10) + " ms";
        }
        return us / 1000 + "." + String.format("%03d", us % 1000) + " ms";
    }

    private static String ms3(long us) {
        return us / 1000 + "." + String.format("%03d", us % 1000);
    }

    /** C's {@code %g}: six significant digits, trailing zeros dropped. */
    static String percentG(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6));
        return d.stripTrailingZeros().toPlainString();
    }

    /** The statistics block after {@code --- HOST ping statistics ---}. */
    String summary(long elapsedMs) {
        StringBuilder sb = new StringBuilder();
        sb.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
        if (errors > 0) {
            sb.append(", +").append(errors).append(" errors");
        }
        double loss = transmitted == 0 ? 0 : (transmitted - received) * 100.0 / transmitted;
        sb.append(", ").append(percentG(loss)).append("% packet loss, time ").append(elapsedMs).append("ms\n");
        if (received > 0) {
            long avg = sumUs / received;
            double mean = (double) sumUs / received;
            long mdev = (long) Math.sqrt(Math.max(0, sumSq / received - mean * mean));
            sb.append("rtt min/avg/max/mdev = ").append(ms3(minUs)).append('/').append(ms3(avg)).append('/')
                .append(ms3(maxUs)).append('/').append(ms3(mdev)).append(" ms\n");
        }
        return sb.toString();
    }
}
