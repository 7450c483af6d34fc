package io.knetsim.cni.plugins;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Chain names and comments of the reference plugins ({@code pkg/utils}): {@code CNI-} and an
 * optional prefix, then the SHA-512 of network name and container ID in hex, cut to 28
 * characters, so each container of each network gets its own chain.
 */
public final class ChainNames {
    /** {@code maxChainLength}: iptables' chain names are at most 28 characters. */
    public static final int MAX_CHAIN_LENGTH = 28;

    private ChainNames() {
    }

    /** {@code FormatChainName}: e.g. {@code CNI-2b5a6c9f0e1d4c3b2a190807}. */
    public static String chain(String network, String containerId) {
        return chain(network, containerId, "");
    }

    /** {@code MustFormatChainNameWithPrefix}: e.g. {@code CNI-DN-2b5a6c9f0e1d4c3b2a190}. */
    public static String chain(String network, String containerId, String prefix) {
        String hex = Hashing.sha512().hashString(network + containerId, StandardCharsets.UTF_8).toString();
        return ("CNI-" + prefix + hex).substring(0, MAX_CHAIN_LENGTH);
    }
}
