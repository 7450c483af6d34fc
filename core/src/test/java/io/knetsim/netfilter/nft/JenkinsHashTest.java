package io.knetsim.netfilter.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kernel's jhash is lookup3's hashlittle on little-endian machines: its published test values. */
class JenkinsHashTest {
    @Test
    void matchesLookup3TestValues() {
        byte[] s = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertThat(JenkinsHash.hash(s, s.length, 0)).isEqualTo(0x17770551);
        assertThat(JenkinsHash.hash(s, s.length, 1)).isEqualTo(0xcd628161);
        assertThat(JenkinsHash.hash(new byte[0], 0, 0)).isEqualTo(0xdeadbeef);
    }
}
