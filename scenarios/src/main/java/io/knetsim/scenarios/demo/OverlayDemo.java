package io.knetsim.scenarios.demo;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The small built-in world {@code ./knetsim run} shows until the full default world lands:
 * two workers on a 100 Mbit/s, 0.5 ms underlay link, a pod on each, joined by a flannel-style
 * VXLAN overlay. It runs a few commands a learner would type and checks what they show.
 *
 * <pre>
 *   podA 11.10.1.2 -- cni0 -- hostA flannel.100 ==VXLAN vni 100== hostB flannel.100 -- cni0 -- podB 11.10.2.2
 *                          hostA eth0 10.0.0.3 ========= 0.5 ms ========= 10.0.0.4 eth0 hostB
 * </pre>
 */
public final class OverlayDemo {
    /** One command, where it ran, and what it printed. */
    public record Step(String node, String command, Invocation result) {
    }

    private final TwoWorkerOverlay world;
    private final ToolRunner runner;
    private final List<Step> steps = new ArrayList<>();

    public OverlayDemo(long seed, Path workingDirectory) {
        this.world = new TwoWorkerOverlay(seed,
            LinkConfig.DEFAULT.withDelay(Duration.ofNanos(500_000)).withRate(100_000_000));
        this.runner = new ToolRunner(CoreTools.registry(), workingDirectory);
    }

    public World world() {
        return world.world;
    }

    public TwoWorkerOverlay overlay() {
        return world;
    }

    public ToolRunner runner() {
        return runner;
    }

    /** Runs the demo's commands, handing each finished step to {@code out} as it completes. */
    public List<Step> run(Consumer<Step> out) {
        step(world.podA, "ping -c 3 11.10.2.2", out);
        step(world.podB, "ping -c 2 11.10.1.2", out);
        step(world.podA, "traceroute -n 11.10.2.2", out);
        step(world.podA, "ping -c 1 -M do -s 1472 11.10.2.2", out);
        return steps;
    }

    private void step(NetNamespace ns, String command, Consumer<Step> out) {
        Step s = new Step(ns.name(), command, runner.run(ns, command));
        steps.add(s);
        out.accept(s);
    }

    /** What each step should show, as a learner would check it by eye: (step, text). */
    private static final List<Map.Entry<Integer, String>> CHECKS = List.of(
        Map.entry(0, "3 received, 0% packet loss"),
        Map.entry(0, "ttl=62"),
        Map.entry(1, "2 received, 0% packet loss"),
        Map.entry(2, " 2  11.10.2.0"),
        Map.entry(3, "message too long, mtu=1450"));

    public int checkCount() {
        return CHECKS.size();
    }

    /** The checks that do not hold; empty when all do. */
    public List<String> failedChecks() {
        List<String> failed = new ArrayList<>();
        for (var c : CHECKS) {
            int step = c.getKey();
            if (steps.size() <= step || !steps.get(step).result().stdout().contains(c.getValue())) {
                failed.add("step " + (step + 1) + " (" + (steps.size() > step ? steps.get(step).command() : "?")
                    + ") should show \"" + c.getValue() + "\"");
            }
        }
        return failed;
    }

    /** Drops by reason over the whole world. */
    public Map<DropReason, Long> drops() {
        return world.world.totalDrops().asMap();
    }
}
