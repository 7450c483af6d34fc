package io.knetsim.scenarios.shell;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.link.Link;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CommandLine;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interpreter behind the {@code knetsim>} prompt, in the manner of Mininet's CLI.
 *
 * <pre>
 *   knetsim> podA ping -c 1 11.10.2.2      run a command on a node, clock runs until it ends
 *   knetsim> hostA tcpdump -i eth0 &amp;       start it in the background ([1])
 *   knetsim> jobs / kill %1                 list / interrupt background commands
 *   knetsim> nodes / net / time / run 5s / help / exit
 * </pre>
 *
 * Background commands advance only while simulated time does (during a foreground command or
 * {@code run}); their output appears as it is produced.
 */
public final class Session {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m)?");

    private final World world;
    private final ToolRunner runner;
    private final Map<String, NetNamespace> nodes = new TreeMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private final Consumer<String> out;
    private final Consumer<String> err;
    private final PyForms py;
    private final io.knetsim.scenarios.cluster.ClusterWorld clusters;
    private boolean exited;
    private int lastExit;
    private java.nio.file.Path localDirectory = java.nio.file.Path.of("");

    /**
     * @param out where output goes (text with its own newlines)
     * @param err where error messages go
     */
    public Session(World world, ToolRunner runner, Consumer<String> out, Consumer<String> err) {
        this(world, runner, null, out, err);
    }

    /**
     * A session whose {@code py} understands the original labs' worker calls ({@code py} is
     * refused when {@code py} is null). Named network namespaces a host made ({@code ip netns
     * add}, a pod's {@code cni-...}) are not nodes: they are reached through their host.
     */
    public Session(World world, ToolRunner runner, PyForms py, Consumer<String> out, Consumer<String> err) {
        this(world, runner, py, null, out, err);
    }

    /** A session on a built-in or scenario world, with its {@code py} forms, pods and clusters. */
    public Session(io.knetsim.scenarios.world.RunningWorld w, Consumer<String> out, Consumer<String> err) {
        this(w.world(), w.runner(), w.py(), w.clusters(), out, err);
    }

    private Session(World world, ToolRunner runner, PyForms py, io.knetsim.scenarios.cluster.ClusterWorld clusters,
                    Consumer<String> out, Consumer<String> err) {
        this.world = world;
        this.runner = runner;
        this.py = py;
        this.clusters = clusters;
        this.out = out;
        this.err = err;
        for (NetNamespace ns : world.namespaces()) {
            if (ns.name().indexOf(':') < 0) {
                nodes.put(ns.name(), ns);
            }
        }
    }

    /**
     * The directory on the learner's own machine that {@code kubectl -f FILE} at the prompt reads
     * relative paths from (the directory knetsim was started in, by default); see {@link #kubectl}.
     */
    public Session localDirectory(java.nio.file.Path dir) {
        this.localDirectory = dir;
        return this;
    }

    /** The exit status of the last line (0 for the shell's own commands when they succeed). */
    public int lastExitCode() {
        return lastExit;
    }

    public boolean exited() {
        return exited;
    }

    /** Node names, for completion. */
    public List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    /** Command names, for completion. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>(List.of("nodes", "net", "jobs", "kill", "time", "run", "help", "exit"));
        names.addAll(runner.registry().commands().keySet());
        return names;
    }

    /** Interprets one line; true when it succeeded (exit status 0). */
    public boolean execute(String line) {
        lastExit = 0;
        boolean ok = interpret(line);
        if (!ok && lastExit == 0) {
            lastExit = 1;
        }
        return ok;
    }

    private boolean interpret(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return true;
        }
        if (trimmed.equals("py") || trimmed.startsWith("py ")) {
            return py(trimmed.substring(2).strip()); // Python, not shell words: quotes are Python's
        }
        List<String> words;
        try {
            words = CommandLine.split(trimmed);
        } catch (UsageException e) {
            err.accept("*** " + e.getMessage() + "\n");
            return false;
        }
        String first = words.get(0);
        switch (first) {
            case "exit", "quit" -> {
                exited = true;
                return true;
            }
            case "help" -> {
                out.accept(help());
                return true;
            }
            case "nodes" -> {
                out.accept("available nodes are: \n" + String.join(" ", nodes.keySet()) + "\n");
                return true;
            }
            case "net" -> {
                out.accept(net());
                return true;
            }
            case "time" -> {
                out.accept("simulated time: " + seconds(world.sim().now()) + " s\n");
                return true;
            }
            case "run" -> {
                return runFor(words);
            }
            case "jobs" -> {
                for (Job j : jobs) {
                    out.accept(j.line() + "\n");
                }
                jobs.removeIf(j -> j.invocation().finished());
                return true;
            }
            case "kill" -> {
                return kill(words);
            }
            case "kubectl", "skupper" -> {
                return kubectl(first, trimmed);
            }
            default -> {
                if (first.indexOf('/') > 0 && clusters != null) {
                    return onPod(first, trimmed.substring(first.length()).strip());
                }
                return onNode(first, trimmed.substring(first.length()).strip());
            }
        }
    }

    private boolean py(String expr) {
        if (py == null) {
            err.accept("*** py: this world has no workers; the original labs' Python forms work in the default world\n");
            return false;
        }
        try {
            String result = py.eval(expr);
            if (result != null) {
                out.accept(result + "\n");
            }
            return true;
        } catch (PyForms.PyError e) {
            out.accept(e.getMessage() + "\n"); // Mininet's py prints the exception's text
            return false;
        }
    }

    /**
     * {@code kubectl [--context CLUSTER] ARGS...} at the prompt: kubectl run on the first worker
     * of the cluster (the first cluster by default), as a kubeconfig context would choose it.
     * The prompt's kubectl is the learner's own, so {@code -f FILE} reads the learner's files: a
     * file (or directory of manifests) that exists under {@link #localDirectory} is copied into
     * that worker's files first, at the path kubectl there reads ({@code /root/FILE} for a
     * relative path), e.g. {@code kubectl apply -f docs/manifests/ingress-nginx.yaml} from the
     * repository. A path that exists on neither side gets kubectl's own error.
     * {@code skupper [--context CLUSTER] ARGS...} likewise (its token files are the learner's
     * files already: it reads and writes them in the tool runner's working directory).
     */
    private boolean kubectl(String tool, String line) {
        if (clusters == null) {
            err.accept("*** " + tool + ": this world has no Kubernetes cluster; try the default world\n");
            return false;
        }
        String context = clusters.clusters().get(0).name();
        java.util.regex.Matcher m = CONTEXT.matcher(line);
        if (m.find()) {
            context = m.group(3);
            line = (line.substring(0, m.start()) + line.substring(m.end())).strip();
        }
        String ctx = context;
        var cluster = clusters.clusters().stream().filter(c -> c.name().equals(ctx)).findFirst().orElse(null);
        if (cluster == null) {
            err.accept("error: context \"" + ctx + "\" does not exist\n");
            lastExit = 1;
            return false;
        }
        NetNamespace host = cluster.workers().get(0).host();
        try {
            copyLocalManifests(host, line);
        } catch (java.io.IOException e) {
            err.accept("error: " + e.getMessage() + "\n");
            lastExit = 1;
            return false;
        }
        return run(host, host.name(), line);
    }

    private static final Pattern FILE_FLAG = Pattern.compile("(?:^|\\s)(?:-f|--filename)(?:=|\\s+)(\\S+)");

    /** Copies the local files that {@code -f} names into {@code host}'s files (see {@link #kubectl}). */
    private void copyLocalManifests(NetNamespace host, String line) throws java.io.IOException {
        Matcher m = FILE_FLAG.matcher(line);
        while (m.find()) {
            String name = m.group(1);
            java.nio.file.Path local = localDirectory.resolve(name);
            String target = name.startsWith("/") ? name : "/root/" + name;
            if (java.nio.file.Files.isRegularFile(local)) {
                host.files().write(target, java.nio.file.Files.readString(local));
            } else if (java.nio.file.Files.isDirectory(local)) {
                try (var children = java.nio.file.Files.list(local)) {
                    for (java.nio.file.Path c : children.sorted().toList()) {
                        String f = c.getFileName().toString();
                        if (java.nio.file.Files.isRegularFile(c)
                            && (f.endsWith(".yaml") || f.endsWith(".yml") || f.endsWith(".json"))) {
                            host.files().write(target + "/" + f, java.nio.file.Files.readString(c));
                        }
                    }
                }
            }
        }
    }

    private static final Pattern CONTEXT = Pattern.compile("(\\s)--context(=|\\s+)(\\S+)");

    /** {@code CLUSTER/POD COMMAND}: a command inside a pod of the default namespace, e.g. {@code C0/c1 ip addr}. */
    private boolean onPod(String target, String command) {
        int slash = target.indexOf('/');
        String cluster = target.substring(0, slash);
        String pod = target.substring(slash + 1);
        var c = clusters.clusters().stream().filter(x -> x.name().equals(cluster)).findFirst().orElse(null);
        NetNamespace ns = c == null ? null : c.podNamespace("default", pod);
        if (ns == null) {
            err.accept("*** Unknown pod: " + target + (c == null ? " (no cluster " + cluster + ")"
                : " (no running pod " + pod + " in cluster " + cluster + ")") + "\n");
            return false;
        }
        if (command.isEmpty()) {
            err.accept("*** Enter a command for pod: " + target + " <cmd>\n");
            return false;
        }
        return run(ns, target, command);
    }

    private boolean onNode(String node, String command) {
        NetNamespace ns = nodes.get(node);
        if (ns == null) {
            err.accept("*** Unknown command: " + node + " (try 'help'; nodes are: " + String.join(" ", nodes.keySet())
                + ")\n");
            return false;
        }
        if (command.isEmpty()) {
            err.accept("*** Enter a command for node: " + node + " <cmd>\n");
            return false;
        }
        return run(ns, node, command);
    }

    /** Runs {@code command} in {@code ns}, in the foreground or, ending in {@code &}, as job {@code label}. */
    private boolean run(NetNamespace ns, String label, String command) {
        boolean background = command.endsWith("&");
        if (background) {
            command = command.substring(0, command.length() - 1).strip();
            Invocation inv = runner.start(ns, command);
            inv.streamTo(out, err); // what it wrote already comes first, in order
            int n = jobs.stream().mapToInt(Job::number).max().orElse(0) + 1;
            jobs.add(new Job(n, label, command, inv));
            out.accept("[" + n + "] " + label + " " + command + "\n");
            return true;
        }
        Invocation inv = runner.start(ns, command);
        // output that does not end in a newline (curl of serve_hostname's bare name) gets one, so
        // the next prompt starts on its own line, as zsh and fish do
        boolean[] open = {false};
        inv.streamTo(text -> {
            open[0] = text.isEmpty() ? open[0] : !text.endsWith("\n");
            out.accept(text);
        }, text -> {
            open[0] = text.isEmpty() ? open[0] : !text.endsWith("\n");
            err.accept(text);
        }); // what it wrote already comes first, in order
        if (!inv.finished()) {
            runner.finish(inv);
        }
        if (open[0]) {
            out.accept("\n");
        }
        lastExit = inv.exitCode();
        return inv.exitCode() == 0;
    }

    private boolean kill(List<String> words) {
        if (words.size() != 2 || !words.get(1).matches("%\\d+")) {
            err.accept("*** usage: kill %N\n");
            return false;
        }
        int n = Integer.parseInt(words.get(1).substring(1));
        for (Job j : jobs) {
            if (j.number() == n && !j.invocation().finished()) {
                j.invocation().interrupt();
                jobs.remove(j);
                return true;
            }
        }
        err.accept("*** kill: %" + n + ": no such job\n");
        return false;
    }

    private boolean runFor(List<String> words) {
        if (words.size() != 2) {
            err.accept("*** usage: run DURATION (e.g. run 5s, run 200ms)\n");
            return false;
        }
        Long nanos = parseDuration(words.get(1));
        if (nanos == null) {
            err.accept("*** run: invalid duration '" + words.get(1) + "': expected a number with ns, us, ms, s or m\n");
            return false;
        }
        world.sim().runFor(nanos);
        return true;
    }

    /** {@code 5s}, {@code 200ms}, {@code 1.5m}, {@code 10} (seconds); null if malformed. */
    static Long parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long scale = switch (unit) {
            case "ns" -> 1;
            case "us" -> SimTime.US;
            case "ms" -> SimTime.MS;
            case "m" -> 60 * SimTime.SECOND;
            default -> SimTime.SECOND;
        };
        return Math.round(v * scale);
    }

    private static String seconds(long nanos) {
        return String.format("%d.%09d", nanos / SimTime.SECOND, nanos % SimTime.SECOND);
    }

    /** Links per node, as Mininet's {@code net} prints them: {@code NODE IF:PEERNODE-PEERIF ...}. */
    private String net() {
        StringBuilder sb = new StringBuilder();
        for (NetNamespace ns : nodes.values()) {
            sb.append(ns.name());
            for (NetDevice d : ns.devices()) {
                if (d == ns.loopback()) {
                    continue;
                }
                sb.append(' ').append(d.name()).append(':');
                NetDevice peer = peerOf(d);
                if (peer != null) {
                    sb.append(peer.namespace().name()).append('-').append(peer.name());
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static NetDevice peerOf(NetDevice d) {
        if (d instanceof Veth v) {
            return v.peer();
        }
        if (d instanceof EthernetNic n) {
            Link l = n.link();
            return l == null ? null : l.peerOf(n);
        }
        return null;
    }

    private String help() {
        StringBuilder sb = new StringBuilder("""
            Documented commands:
              NODE COMMAND...      run COMMAND on NODE (e.g. podA ping -c 3 11.10.2.2); time runs until it ends
              NODE COMMAND &       run it in the background
              jobs                 list background commands
              kill %N              interrupt background command N
              nodes                list nodes
              net                  list each node's interfaces and what they connect to
              time                 print the simulated clock
              run DURATION         let simulated time pass (e.g. run 5s, run 250ms)
              CLUSTER/POD COMMAND  run COMMAND in a pod (e.g. C0/c1 ip addr)
              kubectl [--context CLUSTER] ...   kubectl against a cluster's API server (default: the first)
              skupper [--context CLUSTER] init|token create FILE|link create FILE|expose ...|status   Skupper sites
              py W.exec_container("c1", "CMD")   run CMD in container c1 of worker W (default world)
              py W.create_container("c5") / py W.delete_container("c5")   add / remove a container
              py C0.get("w1").run_ingress("grp2", 8002, [{"path": "/svc1", "endpoint": "IP:PORT"}])   start an ingress
              help                 this text
              exit                 leave the shell
            Commands on nodes:
            """);
        runner.registry().commands().forEach((name, c) -> sb.append("  ").append(c.synopsis()).append('\n'));
        return sb.toString();
    }
}
