package io.knetsim.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.World;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code NAME=value cmd ...}: prefix assignments become the command's environment. */
class CommandLineEnvTest {

    @Test
    void leadingAssignmentsAreSplitOff() {
        CommandLine.Parsed p = CommandLine.parse("NETCONFPATH=/tmp/net.d CNI_ARGS='A=1;B=2' cnitool add x FOO=bar");
        assertThat(p.env()).containsExactly(Map.entry("NETCONFPATH", "/tmp/net.d"), Map.entry("CNI_ARGS", "A=1;B=2"));
        assertThat(p.words()).containsExactly("cnitool", "add", "x", "FOO=bar");
        assertThat(CommandLine.parse("A=1 A=2 env").env()).containsExactly(Map.entry("A", "2"));
        assertThat(CommandLine.parse("X= cmd").env()).containsExactly(Map.entry("X", ""));
        assertThat(CommandLine.parse("=x cmd").words()).containsExactly("=x", "cmd");
        assertThat(CommandLine.parse("1A=x cmd").words()).containsExactly("1A=x", "cmd");
        assertThat(CommandLine.parse("a-b=x cmd").words()).containsExactly("a-b=x", "cmd");
        assertThat(CommandLine.parse("A=1").words()).isEmpty();
    }

    @Test
    void theCommandSeesItsEnvironment() {
        ToolRegistry r = new ToolRegistry();
        r.register(new Command() {
            @Override
            public String name() {
                return "printenv";
            }

            @Override
            public String synopsis() {
                return "printenv NAME";
            }

            @Override
            public void start(Invocation inv) {
                String v = inv.env(inv.args().get(0));
                if (v != null) {
                    inv.println(v);
                }
                inv.exit(v == null ? 1 : 0);
            }
        });
        ToolRunner run = new ToolRunner(r, Path.of("."));
        var ns = new World(1).createNamespace("h");
        Invocation inv = run.run(ns, "GREETING='hello world' printenv GREETING");
        assertThat(inv.stdout()).isEqualTo("hello world\n");
        assertThat(inv.exitCode()).isZero();
        assertThat(run.run(ns, "printenv GREETING").exitCode()).isEqualTo(1);
        assertThat(run.run(ns, "A=1").exitCode()).isZero();
        assertThat(new Invocation(ns, List.of(), Path.of(".")).env("A")).isNull();
    }
}
