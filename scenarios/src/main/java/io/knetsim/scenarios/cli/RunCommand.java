package io.knetsim.scenarios.cli;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.pcap.Capture;
import io.knetsim.scenarios.demo.OverlayDemo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
    description = {"Run the built-in world: two workers with a pod each, joined by a VXLAN overlay;",
        "ping and traceroute between the pods and print what they show."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    SeedOption seedOption = new SeedOption();

    @Option(names = "--pcap", paramLabel = "DIR",
        description = "Capture every host's underlay interface into DIR as NODE-IFACE.pcap (opens in Wireshark).")
    Path pcapDir;

    @Override
    public Integer call() throws IOException {
        return run(System.out);
    }

    @Option(names = "--json", description = "Print the results as JSON instead of the transcript.")
    boolean json;

    int run(PrintStream out) throws IOException {
        if (!json) {
            out.println(Version.text() + ": two workers, a pod on each, VXLAN overlay (VNI 100, UDP 8472), seed "
                + seedOption.seed);
            out.println();
        }
        RunReport report = execute(step -> {
            if (!json) {
                out.println("knetsim> " + step.node() + " " + step.command());
                out.print(step.result().stdout());
                out.print(step.result().stderr());
                out.println();
            }
        });
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

    /** Builds the world, runs its steps (each handed to {@code onStep}), and reports. */
    RunReport execute(Consumer<OverlayDemo.Step> onStep) throws IOException {
        long wallStart = System.nanoTime();
        OverlayDemo demo = new OverlayDemo(seedOption.seed, Path.of("."));
        List<Capture> captures = pcapDir == null ? List.of() : captureUnderlay(demo.world(), pcapDir);
        List<String> files = new ArrayList<>();
        for (Capture c : captures) {
            files.add(pcapDir.resolve(c.devices().get(0).namespace().name() + "-" + c.devices().get(0).name() + ".pcap")
                .toString());
        }
        List<RunReport.Step> steps = new ArrayList<>();
        demo.run(step -> {
            steps.add(new RunReport.Step(step.node(), step.command(), step.result().exitCode(),
                step.result().stdout(), step.result().stderr()));
            onStep.accept(step);
        });
        for (Capture c : captures) {
            c.close();
        }
        Map<String, Long> drops = new LinkedHashMap<>();
        demo.drops().forEach((r, n) -> drops.put(r.name(), n));
        return new RunReport(Version.text(), seedOption.seed, steps, demo.checkCount(), demo.failedChecks(), drops,
            demo.world().sim().now(), demo.world().sim().executedEvents(),
            (System.nanoTime() - wallStart) / 1_000_000, files);
    }

    /** One capture per physical NIC: the underlay, where VXLAN is on the wire. */
    static List<Capture> captureUnderlay(World world, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Capture> out = new ArrayList<>();
        for (NetNamespace ns : world.namespaces()) {
            for (NetDevice d : ns.devices()) {
                if (d instanceof EthernetNic) {
                    out.add(Capture.on(d).toFile(dir.resolve(ns.name() + "-" + d.name() + ".pcap")));
                }
            }
        }
        return out;
    }
}
