package io.knetsim.pcap;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Wireshark's command-line dissector as a test oracle. {@link #require} finds {@code tshark} on
 * the PATH or skips the calling test with the reason shown ({@code tshark not installed:
 * skipping ...}), never passing silently.
 */
public final class Tshark {
    private final Path exe;

    private Tshark(Path exe) {
        this.exe = exe;
    }

    /** The tshark on the PATH; if there is none, the current test is skipped, saying so. */
    public static Tshark require(String testName) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, "tshark");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return new Tshark(p);
                }
            }
        }
        String reason = "tshark not installed: skipping " + testName;
        System.err.println(reason); // also in the console, not only in the surefire report
        Assumptions.assumeTrue(false, reason);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Runs {@code tshark -2 -r FILE OPTIONS -T fields -e F1 -e F2 ...} and returns one row per
     * packet; each cell is the field's values joined by commas ("" when absent).
     */
    public List<List<String>> fields(Path pcap, List<String> options, String... fields) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-2", "-r", pcap.toString()));
        cmd.addAll(options);
        cmd.addAll(List.of("-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        String out = run(cmd);
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(Arrays.asList(line.split("\\|", -1)));
            }
        }
        return rows;
    }

    /** tshark's one-line summaries ({@code tshark -r FILE OPTIONS}). */
    public List<String> summaries(Path pcap, List<String> options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-r", pcap.toString()));
        cmd.addAll(options);
        return List.of(run(cmd).split("\n"));
    }

    private static String run(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path err = Files.createTempFile("tshark", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tshark did not finish: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for tshark", e);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            fail("tshark exited with " + p.exitValue() + ": " + cmd + "\n" + stderr);
        }
        return out;
    }
}
