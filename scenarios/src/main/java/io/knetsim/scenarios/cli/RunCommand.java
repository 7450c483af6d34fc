package io.knetsim.scenarios.cli;

import io.knetsim.scenarios.demo.OverlayDemo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Override
    public Integer call() {
        return run(System.out);
    }

    int run(PrintStream out) {
        long wallStart = System.nanoTime();
        OverlayDemo demo = new OverlayDemo(seedOption.seed, Path.of("."));
        out.println(Version.text() + ": two workers, a pod on each, VXLAN overlay (VNI 100, UDP 8472), seed " + seedOption.seed);
        out.println();
        demo.run(step -> {
            out.println("knetsim> " + step.node() + " " + step.command());
            out.print(step.result().stdout());
            out.print(step.result().stderr());
            out.println();
        });
        List<String> failed = demo.failedChecks();
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        int checks = demo.checkCount();
        out.println("summary: " + (checks - failed.size()) + "/" + checks + " checks passed; drops " + demo.drops()
            + "; simulated " + String.format("%.3f", demo.world().sim().now() / 1e9) + " s in " + wallMs
            + " ms wall time (" + demo.world().sim().executedEvents() + " events)");
        for (String f : failed) {
            out.println("FAILED: " + f);
        }
        return failed.isEmpty() ? 0 : 1;
    }
}
