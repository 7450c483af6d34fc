package io.knetsim.scenarios.cli;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.pcap.Capture;
import io.knetsim.scenarios.scenario.CapturePoint;
import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioException;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.scenarios.scenario.ScenarioYaml;
import io.knetsim.scenarios.scenario.StepRunner;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.BuiltInWorld;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code knetsim run [FILE]}: builds a scenario's world (or, without FILE, a built-in world),
 * runs its steps (the built-in world's start-up checks), prints what each command printed and a
 * summary. Exit 0 when every check holds, 1 when one fails, 2 for unusable input (a scenario
 * error on standard error, located as {@code FILE:LINE:COLUMN: FIELD: what was expected}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a scenario file (docs/scenarios.md) or, without FILE, a built-in world (by default the "
        + "original labs' two flannel clusters): boot it, run its steps, print what they show and whether each "
        + "expectation holds.", "Exit status 0: all hold; 1: one failed; 2: unusable input."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "A scenario (YAML). Without it, the built-in world named by --world.")
    Path file;

    @Spec
    CommandSpec spec;

    /** Whether --seed was given (it then overrides the scenario's seed). */
    boolean seedGiven;

    /** Whether --world was given (it cannot be combined with FILE). */
    boolean worldGiven;

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    WorldOption worldOption = new WorldOption();

    @Option(names = "--pcap", paramLabel = "DIR",
        description = "Write one pcap file per interface into DIR, named NODE-IFACE.pcap: every host's underlay "
            + "interface and each interface the scenario names (Wireshark opens them).")
    Path pcapDir;

    @Option(names = "--json", description = "Print the results as JSON (each step's output and exit status, the "
        + "checks, drops by reason, simulated and wall time) instead of the transcript.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (spec != null) {
            seedGiven = spec.commandLine().getParseResult().hasMatchedOption("--seed");
            worldGiven = spec.commandLine().getParseResult().hasMatchedOption("--world");
        }
        return run(System.out, System.err);
    }

    int run(PrintStream out) throws IOException {
        return run(out, System.err);
    }

    int run(PrintStream out, PrintStream err) throws IOException {
        RunReport report;
        if (file != null) {
            if (worldGiven) {
                err.println("knetsim run: give a scenario FILE or --world NAME, not both");
                return 2;
            }
            Scenario s;
            try {
                s = ScenarioYaml.read(file);
                if (seedGiven) {
                    s = s.withSeed(seedOption.seed);
                }
            } catch (ScenarioException e) {
                err.println("knetsim run: " + e.getMessage());
                return 2;
            }
            try {
                report = executeScenario(s, out);
            } catch (ScenarioException e) {
                err.println("knetsim run: " + ScenarioYaml.locate(file, e).getMessage());
                return 2;
            } catch (IllegalStateException e) {
                err.println("knetsim run: " + file + ": the world did not come up: " + e.getMessage());
                return 1;
            }
        } else {
            if (!BuiltInWorld.NAMES.contains(worldOption.world)) {
                err.println("knetsim run: unknown world '" + worldOption.world + "': expected one of "
                    + String.join(", ", BuiltInWorld.NAMES));
                return 2;
            }
            report = execute(out);
        }
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
        List<String> files = fileNames(captures);
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
                stdout.toString(), stderr.toString(), -1));
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
     * Builds the scenario's world, runs its steps (printing the transcript unless --json), and
     * reports. Throws {@link ScenarioException} for a capture on an interface the world lacks
     * (before any step runs), {@link IllegalStateException} when the world does not come up.
     */
    RunReport executeScenario(Scenario s, PrintStream out) throws IOException {
        long wallStart = System.nanoTime();
        ScenarioWorld w = ScenarioWorld.build(s, Path.of("."));
        List<Capture> captures = new ArrayList<>();
        if (pcapDir != null) {
            captures.addAll(captureUnderlay(w.world(), pcapDir));
            captures.addAll(captureNamed(w.world(), s.captures(), pcapDir, fileNames(captures)));
        }
        if (!json) {
            out.println(Version.text() + ": scenario " + file + ": " + w.description() + ", seed " + s.seed());
            out.println();
        }
        List<RunReport.Step> steps = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        new StepRunner(w).run(s.steps(), r -> {
            String line = r.line();
            int sp = line.indexOf(' ');
            steps.add(new RunReport.Step(line.substring(0, sp), line.substring(sp + 1), r.exitCode(), r.stdout(),
                r.stderr(), r.startNanos()));
            failed.addAll(r.failures());
            if (!json) {
                if (r.step().at() != null) {
                    out.println("# at " + io.knetsim.scenarios.scenario.SimDuration.format(r.step().at()));
                }
                out.println("knetsim> " + line);
                out.print(r.stdout());
                out.print(r.stderr());
                out.println();
            }
        });
        for (Capture c : captures) {
            c.close();
        }
        Map<String, Long> drops = new LinkedHashMap<>();
        w.world().totalDrops().asMap().forEach((r, n) -> drops.put(r.name(), n));
        return new RunReport(Version.text(), s.seed(), steps, StepRunner.checks(s.steps()), failed, drops,
            w.world().sim().now(), w.world().sim().executedEvents(), (System.nanoTime() - wallStart) / 1_000_000,
            fileNames(captures));
    }

    private List<String> fileNames(List<Capture> captures) {
        List<String> files = new ArrayList<>();
        for (Capture c : captures) {
            NetDevice d = c.devices().get(0);
            files.add(pcapDir.resolve(d.namespace().name() + "-" + d.name() + ".pcap").toString());
        }
        return files;
    }

    /**
     * A capture on each interface a scenario names, skipping those already captured
     * ({@code already} holds their files); an interface the node lacks is a {@link ScenarioException}.
     */
    static List<Capture> captureNamed(World world, List<CapturePoint> points, Path dir, List<String> already)
        throws IOException {
        Set<String> seen = new HashSet<>(already);
        for (int i = 0; i < points.size(); i++) {
            CapturePoint p = points.get(i);
            NetNamespace ns = world.namespace(p.node());
            if (ns.device(p.iface()) == null) {
                throw new ScenarioException("captures[" + i + "].interface", "node " + p.node() + " has no interface "
                    + p.iface() + " (interfaces: "
                    + String.join(", ", ns.devices().stream().map(NetDevice::name).toList())
                    + ")");
            }
        }
        List<Capture> out = new ArrayList<>();
        for (CapturePoint p : points) {
            Path f = dir.resolve(p.fileName());
            if (seen.add(f.toString())) {
                out.add(Capture.on(world.namespace(p.node()).device(p.iface())).toFile(f));
            }
        }
        return out;
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
