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
import java.util.List;
import java.util.concurrent.Callable;
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

    int run(PrintStream out) throws IOException {
        long wallStart = System.nanoTime();
        OverlayDemo demo = new OverlayDemo(seedOption.seed, Path.of("."));
        List<Capture> captures = pcapDir == null ? List.of() : captureUnderlay(demo.world(), pcapDir);
        out.println(Version.text() + ": two workers, a pod on each, VXLAN overlay (VNI 100, UDP 8472), seed " + seedOption.seed);
        out.println();
        demo.run(step -> {
            out.println("knetsim> " + step.node() + " " + step.command());
            out.print(step.result().stdout());
            out.print(step.result().stderr());
            out.println();
        });
        for (Capture c : captures) {
            c.close();
        }
        List<String> failed = demo.failedChecks();
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        int checks = demo.checkCount();
        out.println("summary: " + (checks - failed.size()) + "/" + checks + " checks passed; drops " + demo.drops()
            + "; simulated " + String.format("%.3f", demo.world().sim().now() / 1e9) + " s in " + wallMs
            + " ms wall time (" + demo.world().sim().executedEvents() + " events)");
        if (pcapDir != null) {
            out.println("captures: " + captures.size() + " files in " + pcapDir);
        }
        for (String f : failed) {
            out.println("FAILED: " + f);
        }
        return failed.isEmpty() ? 0 : 1;
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
