package io.knetsim.tool.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kubectl's ages and column alignment, alone. */
class FormatsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void agesAreApimachinerysHumanDurations() {
        assertThat(HumanDuration.format(5 * S)).isEqualTo("5s");
        assertThat(HumanDuration.format(119 * S)).isEqualTo("119s");
        assertThat(HumanDuration.format(190 * S)).isEqualTo("3m10s");
        assertThat(HumanDuration.format(300 * S)).isEqualTo("5m");
        assertThat(HumanDuration.format(95 * 60 * S)).isEqualTo("95m");
        assertThat(HumanDuration.format((5 * 3600 + 180) * S)).isEqualTo("5h3m");
        assertThat(HumanDuration.format(30 * 3600 * S)).isEqualTo("30h");
        assertThat(HumanDuration.format((2 * 86400 + 3 * 3600) * S)).isEqualTo("2d3h");
        assertThat(HumanDuration.format(40 * 86400 * S)).isEqualTo("40d");
        assertThat(HumanDuration.format(-5 * S)).isEqualTo("<invalid>");
    }

    @Test
    void columnBlocksEndAtLinesWithoutTabs() {
        String out = GoTabWriter.describe().write("Name:\tweb\nService Account:\tdefault\nIPs:\n  IP:\t1.2.3.4\n").flush();
        assertThat(out).isEqualTo("Name:             web\nService Account:  default\nIPs:\n  IP:  1.2.3.4\n");
        assertThat(GoTabWriter.table().write("NAME\tAGE\na\t1s\n").flush()).isEqualTo("NAME   AGE\na      1s\n");
    }

    @Test
    void yamlQuotesWhatWouldReadAsAnotherType() {
        assertThat(ObjectWriter.needsQuotes("1970-01-01T00:00:05Z")).isTrue();
        assertThat(ObjectWriter.needsQuotes("42")).isTrue();
        assertThat(ObjectWriter.needsQuotes("True")).isTrue();
        assertThat(ObjectWriter.needsQuotes("")).isTrue();
        assertThat(ObjectWriter.needsQuotes("nginx")).isFalse();
        assertThat(ObjectWriter.needsQuotes("10.0.0.3")).isFalse();
    }
}
