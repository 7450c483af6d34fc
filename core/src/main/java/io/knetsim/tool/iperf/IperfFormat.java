package io.knetsim.tool.iperf;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * iperf3's number formatting: adaptive units, bytes in powers of 1024 ({@code MByte} =
 * 2^20 bytes), bits in powers of 1000 ({@code Mbit} = 10^6 bits), three significant digits
 * ({@code %4.2f} below 9.995, {@code %4.1f} below 99.95, {@code %4.0f} above).
 */
final class IperfFormat {
    private static final String[] BYTE = {"Byte", "KByte", "MByte", "GByte", "TByte"};
    private static final String[] BIT = {"bit", "Kbit", "Mbit", "Gbit", "Tbit"};

    private IperfFormat() {
    }

    /** {@code 11.2 MByte}: the caller adds the plural {@code s}, as iperf3's formats do. */
    static String bytes(double n) {
        return adaptive(n, 1024.0, BYTE);
    }

    /** {@code 94.1 Mbit}: the caller adds {@code s/sec}. */
    static String bits(double n) {
        return adaptive(n, 1000.0, BIT);
    }

    private static String adaptive(double n, double step, String[] labels) {
        int u = 0;
        while (n >= step && u < labels.length - 1) {
            n /= step;
            u++;
        }
        String f = n < 9.995 ? "%4.2f" : n < 99.95 ? "%4.1f" : "%4.0f";
        return String.format(Locale.ROOT, f, n) + " " + labels[u];
    }

    /** C's {@code %.2g} for a loss percentage: {@code 0}, {@code 0.5}, {@code 1.2}, {@code 12}, {@code 1e+02}. */
    static String g2(double v) {
        if (v == 0) {
            return "0";
        }
        if (v >= 99.5) {
            BigDecimal m = new BigDecimal(v).round(new MathContext(2));
            int exp = m.precision() - m.scale() - 1;
            BigDecimal mant = m.movePointLeft(exp).stripTrailingZeros();
            return mant.toPlainString() + "e+" + String.format(Locale.ROOT, "%02d", exp);
        }
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** {@code [  5]   0.00-1.00   sec}: the stream id and interval columns. */
    static String interval(double start, double end) {
        return String.format(Locale.ROOT, "[%3d] %6.2f-%-6.2f sec", Iperf3.STREAM_ID, start, end);
    }
}
