package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetnsRegistry;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;

/** A worker node for the CNI labs: one host namespace, its files, and a prompt with core and CNI commands. */
final class Node {
    final World world = new World(42);
    final NetNamespace host;
    final ToolRunner sh;
    final Cni cni = new Cni(PluginRegistry.defaults());

    Node(String name) {
        host = Topo.host(world, name);
        ToolRegistry r = CoreTools.registry();
        CniTools.registerAll(r);
        sh = new ToolRunner(r, Path.of("."));
    }

    Node() {
        this("node1");
    }

    /** Writes a file on the host, e.g. a conf into /etc/cni/net.d. */
    Node file(String path, String content) {
        host.files().write(path, content);
        return this;
    }

    /** {@code ip netns add NAME}. */
    NetNamespace netns(String name) {
        return NetnsRegistry.add(host, name);
    }

    Invocation run(String line) {
        return sh.run(host, line);
    }

    Invocation run(NetNamespace ns, String line) {
        return sh.run(ns, line);
    }

    /** Runs a command that must succeed with nothing on stderr; returns stdout. */
    String out(NetNamespace ns, String line) {
        Invocation inv = sh.run(ns, line);
        assertThat(inv.stderr()).as("stderr of '%s'", line).isEmpty();
        assertThat(inv.exitCode()).as("exit status of '%s'", line).isZero();
        return inv.stdout();
    }

    String out(String line) {
        return out(host, line);
    }
}
