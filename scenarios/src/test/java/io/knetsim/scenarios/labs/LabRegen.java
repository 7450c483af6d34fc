package io.knetsim.scenarios.labs;

import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.BuiltInWorld;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A lab writer's helper, not a test: replays a lab's transcript commands on a fresh world (seed
 * 1, the world the lab names) and rewrites each command's output in the file, as
 * {@link LabTranscriptTest} will then expect it. Read the diff before committing: a changed
 * output is a changed behaviour.
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test-compile
 *   java -cp "scenarios/target/test-classes:scenarios/target/knetsim.jar" \
 *       io.knetsim.scenarios.labs.LabRegen docs/labs/04-ingress.md
 * </pre>
 */
public final class LabRegen {
    private LabRegen() {
    }

    public static void main(String[] args) throws IOException {
        for (String a : args) {
            Path lab = Path.of(a);
            Path repo = lab.toAbsolutePath().normalize().getParent().getParent().getParent();
            Files.writeString(lab, regenerate(Files.readString(lab, StandardCharsets.UTF_8), repo),
                StandardCharsets.UTF_8);
        }
    }

    /**
     * The lab's text with every transcript's outputs as the code prints them now; the prompt's
     * {@code kubectl -f} reads files relative to {@code repo}, the repository's root.
     */
    static String regenerate(String text, Path repo) throws IOException {
        BuiltInWorld world = BuiltInWorld.named(LabTranscriptTest.worldOf(text), 1, Files.createTempDirectory("lab"));
        StringBuilder screen = new StringBuilder();
        Session session = new Session(world, screen::append, screen::append).localDirectory(repo);
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            boolean last = i == lines.length - 1;
            if (!inBlock) {
                out.append(l).append(last ? "" : "\n");
                inBlock = l.strip().equals("```knetsim");
            } else if (l.startsWith("```")) {
                out.append(l).append(last ? "" : "\n");
                inBlock = false;
            } else if (l.startsWith(Transcript.PROMPT)) {
                screen.setLength(0);
                session.execute(l.substring(Transcript.PROMPT.length()));
                out.append(l).append('\n').append(screen.toString().replace("\r\n", "\n"));
            }
        }
        return out.toString();
    }
}
