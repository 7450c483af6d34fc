package io.knetsim.cni;

import java.util.List;

/**
 * The CNI spec versions knetsim speaks. 0.3.x and 0.4.0 share one result format (each IP carries
 * {@code "version": "4"}); 1.0.0 drops it. CHECK exists from 0.4.0 on.
 */
public final class CniVersion {
    public static final String V1_0_0 = "1.0.0";
    public static final String V0_4_0 = "0.4.0";
    /** Every version the built-in plugins accept, in the order {@code VERSION} lists them. */
    public static final List<String> SUPPORTED = List.of("0.3.0", "0.3.1", V0_4_0, V1_0_0);

    private CniVersion() {
    }

    /**
     * Checks that a plugin supports {@code version}; the error is what {@code skel} gives: code 1,
     * "incompatible CNI versions", with the file and field in the details.
     */
    public static void check(String version, List<String> supported, String file) throws CniError {
        if (!supported.contains(version)) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < supported.size(); i++) {
                s.append(i == 0 ? "" : " ").append('"').append(supported.get(i)).append('"');
            }
            s.append(']');
            throw new CniError(CniError.INCOMPATIBLE_VERSION, "incompatible CNI versions",
                file + ": field \"cniVersion\": config is \"" + version + "\", plugin supports " + s);
        }
    }

    /** True if results of {@code version} carry the IP {@code version} field (before 1.0.0). */
    public static boolean ipsCarryVersion(String version) {
        return !version.startsWith("1.");
    }

    /** True if {@code version} knows CHECK and prevResult on DEL (0.4.0 and later). */
    public static boolean hasCheck(String version) {
        return version.equals(V0_4_0) || version.startsWith("1.");
    }
}
