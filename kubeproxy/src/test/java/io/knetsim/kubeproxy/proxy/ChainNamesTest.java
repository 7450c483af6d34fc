package io.knetsim.kubeproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Oracle: the chain names kube-proxy's nftables proxier documents for its test fixture
 * (service {@code ns1/svc1}, port {@code p80}, endpoint {@code 10.180.0.1:80}).
 */
class ChainNamesTest {
    @Test
    void namesMatchKubeProxysOwn() {
        assertThat(ChainNames.servicePortBase("ns1", "svc1", "tcp", "p80")).isEqualTo("ULMVA6XW-ns1/svc1/tcp/p80");
        assertThat(ChainNames.endpointBase("ns1", "svc1", "tcp", "p80", "10.180.0.1", 80))
            .isEqualTo("5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80");
    }

    @Test
    void longNamesAreCutWithDots() {
        String longName = "x".repeat(300);
        String s = ChainNames.hashAndTruncate(longName);
        assertThat(s).hasSize(ChainNames.BASE_LENGTH_MAX).endsWith("...").startsWith(ChainNames.hash(longName) + "-xxx");
    }
}
