package io.knetsim.tool.iproute;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.NetnsRegistry;
import io.knetsim.net.dev.Veth;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ip netns}: named network namespaces of the host, kept by {@link NetnsRegistry} in
 * {@code /var/run/netns}.
 *
 * <pre>
 *   ip netns add c1                    a new namespace (World name "HOST:c1")
 *   ip netns [list]                    names, newest first; "(id: N)" once a veth joins it to the host
 *   ip netns exec c1 ip addr           runs a command inside it
 *   ip netns identify                  the name of the namespace the command runs in
 *   ip netns delete c1                 removes it and its devices
 * </pre>
 *
 * Failures exit 1 with iproute2's messages; an unknown subcommand exits 255.
 */
final class IpNetns implements IpObject {
    /** What {@link #run} returns when the command goes on running ({@code exec}): it exits by itself. */
    static final int RUNNING = Integer.MIN_VALUE;

    @Override
    public int run(Invocation inv, IpOptions opts, Args args) {
        NetNamespace host = NetnsRegistry.hostOf(inv.ns());
        String verb = args.hasNext() ? args.next() : "list";
        if (IpParse.matches(verb, "list") || IpParse.matches(verb, "show")) {
            for (String n : NetnsRegistry.list(host)) {
                int id = nsid(host, NetnsRegistry.lookupNamed(host, n));
                inv.println(id < 0 ? n : n + " (id: " + id + ")");
            }
            return 0;
        }
        if (IpParse.matches(verb, "add")) {
            return change(inv, args, "add", () -> NetnsRegistry.add(host, args.next()));
        }
        if (IpParse.matches(verb, "delete")) {
            return change(inv, args, "delete", () -> NetnsRegistry.delete(host, args.next()));
        }
        if (IpParse.matches(verb, "identify")) {
            if (args.hasNext()) {
                throw new UsageException("Error: \"ip netns identify PID\" is not modelled in knetsim (no processes); "
                    + "run \"ip netns identify\" inside the namespace.", 255);
            }
            for (String n : NetnsRegistry.identify(host, inv.ns())) {
                inv.println(n);
            }
            return 0;
        }
        if (IpParse.matches(verb, "exec")) {
            return exec(inv, host, args);
        }
        if (IpParse.matches(verb, "help")) {
            throw new UsageException(USAGE, 255);
        }
        throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip netns help\".", 255);
    }

    private static final String USAGE = """
        Usage:\tip netns list
        \tip netns add NAME
        \tip netns delete NAME
        \tip netns identify
        \tip netns exec NAME cmd ...""";

    private static int change(Invocation inv, Args args, String verb, Runnable action) {
        if (!args.hasNext()) {
            inv.eprintln("No netns name specified");
            return 1;
        }
        try {
            action.run();
            return 0;
        } catch (NetlinkException e) {
            inv.eprintln(e.getMessage());
            return 1;
        }
    }

    private static int exec(Invocation inv, NetNamespace host, Args args) {
        if (!args.hasNext()) {
            inv.eprintln("No netns name specified");
            return 1;
        }
        String name = args.next();
        if (!args.hasNext()) {
            inv.eprintln("No command specified");
            return 1;
        }
        NetNamespace target = NetnsRegistry.lookupNamed(host, name);
        if (target == null) {
            inv.eprintln("Cannot open network namespace \"" + name + "\": No such file or directory");
            return 1;
        }
        List<String> words = new ArrayList<>();
        while (args.hasNext()) {
            words.add(args.next());
        }
        ToolRunner runner = inv.runner();
        if (runner == null || runner.registry().get(words.get(0)) == null) {
            inv.eprintln("exec of \"" + words.get(0) + "\" failed: No such file or directory");
            return 1;
        }
        Invocation child = runner.start(target, words, Map.of(), inv);
        if (child.finished()) {
            return child.exitCode();
        }
        child.onExit(() -> inv.exit(child.exitCode()));
        return RUNNING;
    }

    /**
     * The id the host has for {@code ns}, or -1 when it has none: the kernel assigns one when a
     * veth first links the two, so ids follow the host's devices in ifindex order.
     */
    private static int nsid(NetNamespace host, NetNamespace ns) {
        List<NetNamespace> seen = new ArrayList<>();
        for (NetDevice d : host.devices()) {
            if (d instanceof Veth v && v.peer() != null && v.peer().namespace() != host
                && !seen.contains(v.peer().namespace())) {
                seen.add(v.peer().namespace());
            }
        }
        return ns == null ? -1 : seen.indexOf(ns);
    }
}
