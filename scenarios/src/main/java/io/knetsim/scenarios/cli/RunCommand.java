package io.knetsim.scenarios.cli;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.pcap.Capture;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.BuiltInWorld;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code knetsim run}: builds the built-in world, runs its start-up checks, prints what each
 * command printed and a summary. Exit 0 when every check holds, 1 when one fails.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a built-in world (by default the original labs' two flannel clusters): boot it, run a few",
        "commands a learner would type, print what they show and whether each check holds."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    WorldOption worldOption = new WorldOption();

    @Option(names = "--pcap", paramLabel = "DIR",
        description = "Capture every host's underlay interface into DIR as NODE-IFACE.pcap (opens in Wireshark).")
    Path pcapDir;

    @Option(names = "--json", description = "Print the results as JSON instead of the transcript.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        return run(System.out);
    }

    int run(PrintStream out) throws IOException {
        if (!BuiltInWorld.NAMES.contains(worldOption.world)) {
            System.err.println("knetsim run: unknown world '" + worldOption.world + "': expected one of "
                + String.join(", ", BuiltInWorld.NAMES));
            return 2;
        }
        RunReport report = execute(out);
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.println("summary: " + (report.checks() - report.failed().size()) + "/" + report.checks()
                + " checks passed; drops " + report.drops() + "; simulated "
                + String.format("%.3f", report.simulatedNanos() / 1e9) + " s in " + report.wallMillis()
                + " ms wall time (" + report.events() + " events)");
            if (pcapDir != null) {
                out.println("captures: " + report.captures().size() + " files in " + pcapDir);
            }
            for (String f : report.failed()) {
                out.println("FAILED: " + f);
            }
        }
        return report.passed() ? 0 : 1;
    }

    /** Builds the world, runs its demonstration through a session (printing it unless --json), and reports. */
    RunReport execute(PrintStream out) throws IOException {
        long wallStart = System.nanoTime();
        BuiltInWorld w = BuiltInWorld.named(worldOption.world, seedOption.seed, Path.of("."));
        if (!json) {
            out.println(Version.text() + ": " + w.description() + ", seed " + seedOption.seed);
            out.println();
        }
        List<Capture> captures = pcapDir == null ? List.of() : captureUnderlay(w.world(), pcapDir);
        List<String> files = new ArrayList<>();
        for (Capture c : captures) {
            files.add(pcapDir.resolve(c.devices().get(0).namespace().name() + "-" + c.devices().get(0).name() + ".pcap")
                .toString());
        }
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Session session = new Session(w, stdout::append, stderr::append);
        List<RunReport.Step> steps = new ArrayList<>();
        for (String line : w.demo()) {
            stdout.setLength(0);
            stderr.setLength(0);
            session.execute(line);
            int sp = line.indexOf(' ');
            steps.add(new RunReport.Step(line.substring(0, sp), line.substring(sp + 1), session.lastExitCode(),
                stdout.toString(), stderr.toString()));
            if (!json) {
                out.println("knetsim> " + line);
                out.print(stdout);
                out.print(stderr);
                out.println();
            }
        }
        for (Capture c : captures) {
            c.close();
        }
        List<String> failed = new ArrayList<>();
        for (BuiltInWorld.Check c : w.checks()) {
            if (steps.size() <= c.line() || !steps.get(c.line()).stdout().contains(c.expected())) {
                failed.add("step " + (c.line() + 1) + " (" + w.demo().get(c.line()) + ") should show \""
                    + c.expected() + "\"");
            }
        }
        Map<String, Long> drops = new LinkedHashMap<>();
        w.world().totalDrops().asMap().forEach((r, n) -> drops.put(r.name(), n));
        return new RunReport(Version.text(), seedOption.seed, steps, w.checks().size(), failed, drops,
            w.world().sim().now(), w.world().sim().executedEvents(), (System.nanoTime() - wallStart) / 1_000_000,
            files);
    }

    /**
     * One capture per host NIC: the underlay, where VXLAN is on the wire. A switch's ports (NICs
     * enslaved to its bridge) carry the same frames and are left out.
     */
    static List<Capture> captureUnderlay(World world, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Capture> out = new ArrayList<>();
        for (NetNamespace ns : world.namespaces()) {
            for (NetDevice d : ns.devices()) {
                if (d instanceof EthernetNic && d.master() == null) {
                    out.add(Capture.on(d).toFile(dir.resolve(ns.name() + "-" + d.name() + ".pcap")));
                }
            }
        }
        return out;
    }
}
