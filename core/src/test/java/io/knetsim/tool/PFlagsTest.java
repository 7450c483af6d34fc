package io.knetsim.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** spf13/pflag's ways of writing flags, and its error messages. */
class PFlagsTest {
    private static PFlags flags() {
        return new PFlags().value("namespace", "n").value("replicas", null).bool("stdin", "i").bool("tty", "t");
    }

    @Test
    void everySpellingOfAFlagAndWordsAnywhere() {
        PFlags f = flags().parse(List.of("get", "-n", "kube-system", "pods", "--replicas=3", "-it", "--", "sh", "-c", "x"));
        assertThat(f.args()).containsExactly("get", "pods");
        assertThat(f.string("namespace", "default")).isEqualTo("kube-system");
        assertThat(f.integer("replicas", 1)).isEqualTo(3);
        assertThat(f.bool("stdin")).isTrue();
        assertThat(f.bool("tty")).isTrue();
        assertThat(f.command()).containsExactly("sh", "-c", "x");
        assertThat(f.given()).containsExactly("namespace", "replicas", "stdin", "tty");
        assertThat(flags().parse(List.of("-nkube-system")).string("namespace", null)).isEqualTo("kube-system");
        assertThat(flags().parse(List.of("-n=x", "--stdin=false")).string("namespace", null)).isEqualTo("x");
        assertThat(flags().parse(List.of("--stdin=false")).bool("stdin")).isFalse();
        assertThat(flags().parse(List.of("a")).command()).isNull();
        assertThat(flags().parse(List.of()).integer("replicas", 7)).isEqualTo(7);
    }

    @Test
    void mistakesGetPflagsWords() {
        assertThatThrownBy(() -> flags().parse(List.of("--bogus"))).hasMessage("unknown flag: --bogus");
        assertThatThrownBy(() -> flags().parse(List.of("-x"))).hasMessage("unknown shorthand flag: 'x' in -x");
        assertThatThrownBy(() -> flags().parse(List.of("--namespace"))).hasMessage("flag needs an argument: --namespace");
        assertThatThrownBy(() -> flags().parse(List.of("-in"))).hasMessage("flag needs an argument: 'n' in -in");
        assertThatThrownBy(() -> flags().parse(List.of("--replicas", "three")).integer("replicas", 1))
            .isInstanceOf(PFlags.PFlagException.class)
            .hasMessage("invalid argument \"three\" for \"--replicas\" flag: strconv.ParseInt: parsing \"three\": "
                + "invalid syntax");
    }
}
