package io.knetsim.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a command wrote reaches a terminal in the order it wrote it, across stdout and stderr. */
class InvocationTest {
    @Test
    void outputWrittenBeforeStreamingIsReplayedInOrderThenStreamed() {
        Invocation inv = new Invocation(new World(1).createNamespace("n"), List.of(), Path.of("."));
        inv.eprintln("nginx: syntax is ok");
        inv.println("# configuration file");
        inv.eprintln("late warning");
        List<String> screen = new ArrayList<>();
        inv.streamTo(s -> screen.add("out:" + s), s -> screen.add("err:" + s));
        inv.println("streamed");

        assertThat(screen).containsExactly("err:nginx: syntax is ok\n", "out:# configuration file\n",
            "err:late warning\n", "out:streamed\n");
        assertThat(inv.stdout()).isEqualTo("# configuration file\nstreamed\n");
        assertThat(inv.stderr()).isEqualTo("nginx: syntax is ok\nlate warning\n");
    }
}
