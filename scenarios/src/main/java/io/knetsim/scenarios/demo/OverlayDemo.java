package io.knetsim.scenarios.demo;

import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.scenarios.world.BuiltInWorld;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The small hand-wired world of lab 0 ({@code --world overlay}): two workers on a 100 Mbit/s,
 * 0.5 ms underlay link, a pod on each, joined by a flannel-style VXLAN overlay that no
 * daemon set up.
 *
 * <pre>
 *   podA 11.10.1.2 -- cni0 -- hostA flannel.100 ==VXLAN vni 100== hostB flannel.100 -- cni0 -- podB 11.10.2.2
 *                          hostA eth0 10.0.0.3 ========= 0.5 ms ========= 10.0.0.4 eth0 hostB
 * </pre>
 */
public final class OverlayDemo implements BuiltInWorld {
    private final TwoWorkerOverlay world;
    private final ToolRunner runner;

    public OverlayDemo(long seed, Path workingDirectory) {
        this.world = new TwoWorkerOverlay(seed,
            LinkConfig.DEFAULT.withDelay(Duration.ofNanos(500_000)).withRate(100_000_000));
        this.runner = new ToolRunner(CoreTools.registry(), workingDirectory);
    }

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public String description() {
        return "two workers, a pod on each, VXLAN overlay (VNI 100, UDP 8472), wired by hand";
    }

    @Override
    public World world() {
        return world.world;
    }

    public TwoWorkerOverlay overlay() {
        return world;
    }

    @Override
    public ToolRunner runner() {
        return runner;
    }

    @Override
    public PyForms py() {
        return null;
    }

    @Override
    public List<String> demo() {
        return List.of("podA ping -c 3 11.10.2.2", "podB ping -c 2 11.10.1.2", "podA traceroute -n 11.10.2.2",
            "podA ping -c 1 -M do -s 1472 11.10.2.2");
    }

    @Override
    public List<Check> checks() {
        return List.of(
            new Check(0, "3 received, 0% packet loss"),
            new Check(0, "ttl=62"),
            new Check(1, "2 received, 0% packet loss"),
            new Check(2, " 2  11.10.2.0"),
            new Check(3, "message too long, mtu=1450"));
    }
}
