package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.scenarios.world.BuiltInWorld;
import io.knetsim.scenarios.shell.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transcript in {@code docs/labs/} is replayed in a fresh world (seed 1) and must print
 * exactly what the lab shows, so a lab cannot drift from the code. CRLF line ends in the output
 * (nginx's error pages, HTTP headers) compare as the line breaks a terminal shows. Writing a lab:
 * {@link LabRegen} fills in the outputs.
 */
class LabTranscriptTest {
    static final Path LABS = Path.of("..", "docs", "labs");

    static Stream<Path> labs() throws IOException {
        try (Stream<Path> s = Files.list(LABS)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("labs")
    void transcriptsPrintWhatTheLabShows(Path lab) throws IOException {
        String text = Files.readString(lab, StandardCharsets.UTF_8);
        Transcript t = Transcript.parse(text);
        assertThat(t.entries()).as("a lab without transcripts checks nothing").isNotEmpty();
        StringBuilder screen = new StringBuilder();
        BuiltInWorld world = BuiltInWorld.named(worldOf(text), 1, Files.createTempDirectory("lab"));
        // the prompt's kubectl -f reads the learner's files from the repository's root, as ./knetsim does
        Session session = new Session(world, screen::append, screen::append).localDirectory(LABS.getParent().getParent());
        for (Transcript.Entry e : t.entries()) {
            screen.setLength(0);
            session.execute(e.command());
            // a terminal shows CRLF (nginx's and HTTP's line ends) as a line break, as the lab does
            assertThat(screen.toString().replace("\r\n", "\n"))
                .as("%s line %d: knetsim> %s", lab.getFileName(), e.line(), e.command())
                .isEqualTo(e.expected());
        }
    }

    /** The world a lab names in a {@code <!-- knetsim world: NAME -->} line, else {@code default}. */
    static String worldOf(String lab) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<!-- knetsim world: (\\w+) -->").matcher(lab);
        return m.find() ? m.group(1) : "default";
    }

    @org.junit.jupiter.api.Test
    void theParserFindsCommandsAndTheirOutput() {
        Transcript t = Transcript.parse(String.join("\n", List.of("text", "```knetsim", "knetsim> nodes",
            "available nodes are: ", "a b", "knetsim> time", "simulated time: 0.000000000 s", "```",
            "```sh", "knetsim> not a transcript", "```", "")));
        assertThat(t.entries()).containsExactly(
            new Transcript.Entry(3, "nodes", "available nodes are: \na b\n"),
            new Transcript.Entry(6, "time", "simulated time: 0.000000000 s\n"));
    }
}
