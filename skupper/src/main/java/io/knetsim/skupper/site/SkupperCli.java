package io.knetsim.skupper.site;

import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.PFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code skupper}: the Skupper 1.x command line for the site and service controllers, on the
 * cluster of the host it runs on (or {@code --context CLUSTER}), in namespace {@code default}.
 *
 * <pre>
 *   skupper init                                   Skupper is now installed in namespace 'default'.  Use ...
 *   skupper token create FILE                      Token written to FILE
 *   skupper link create FILE [--cost N] [--name L] Site configured to link to 10.0.0.3:55671 (name=link1)
 *   skupper link status                            Link link1 is active
 *   skupper expose deployment/NAME --port P        deployment NAME exposed as NAME
 *   skupper status                                 Skupper is enabled for namespace "default" with site name ...
 * </pre>
 *
 * Errors are printed as cobra prints them, {@code Error: ...} on standard error, with exit
 * status 1, and change nothing. Token files are read and written on the machine running
 * knetsim, relative to its working directory (as {@code tcpdump -w} writes captures), so a token
 * made with one context is found by a link made with another, as on a learner's laptop.
 */
public final class SkupperCli implements Command {
    private static final String GLOBAL_FLAGS = """
        Global Flags:
          -c, --context string     The kubeconfig context to use
          -n, --namespace string   The Kubernetes namespace to use
        """;

    @Override
    public String name() {
        return "skupper";
    }

    @Override
    public String synopsis() {
        return "skupper init|token create FILE|link create FILE [--cost N]|link status|expose deployment/NAME --port P"
            + "|status [--context CLUSTER]: Skupper sites and services of this host's cluster";
    }

    @Override
    public void start(Invocation inv) {
        inv.exit(run(inv));
    }

    private int run(Invocation inv) {
        Parsed a;
        try {
            a = Parsed.of(inv.args());
        } catch (SkupperException e) {
            inv.eprintln("Error: " + e.getMessage());
            return 1;
        }
        String verb = a.words.isEmpty() ? "" : a.words.get(0);
        String sub = a.words.size() > 1 ? a.words.get(1) : "";
        String key = switch (verb) {
            case "token", "link" -> sub.isEmpty() ? verb : verb + " " + sub;
            default -> verb;
        };
        boolean group = verb.equals("token") || verb.equals("link");
        if (a.help || verb.isEmpty() || (group && sub.isEmpty())) { // cobra prints a group's help
            inv.print(help(key));
            return 0;
        }
        try {
            if (group && !HELP.containsKey(key)) {
                throw new SkupperException("unknown command \"" + sub + "\" for \"skupper " + verb + "\"");
            }
            if (!HELP.containsKey(key)) {
                throw new SkupperException("unknown command \"" + verb + "\" for \"skupper\"\nRun 'skupper --help' for usage.");
            }
            a.allowFlags(FLAGS.getOrDefault(key, List.of()));
            SkupperNetwork net = SkupperNetwork.of(inv.ns().world());
            SkupperSite site = net.site(inv.ns(), a.context);
            switch (key) {
                case "init" -> {
                    a.args(key, 1, 0);
                    for (String warning : net.init(site)) {
                        inv.eprintln("Warning: " + warning);
                    }
                    inv.println("Skupper is now installed in namespace '" + site.namespace()
                        + "'.  Use 'skupper status' to get more information.");
                }
                case "token create" -> {
                    String file = a.args(key, 2, 1).get(0);
                    ConnectionToken t = site.createToken();
                    write(inv, file, t.toYaml());
                    inv.println("Token written to " + file);
                }
                case "link create" -> {
                    String file = a.args(key, 2, 1).get(0);
                    site.requireConfig();
                    ConnectionToken t = ConnectionToken.parse(read(inv, file), file);
                    int cost = a.intFlag("--cost").orElse(1);
                    var c = site.link(t, file, Optional.ofNullable(a.flags.get("--name")), cost);
                    inv.println("Site configured to link to " + c.host() + ":" + c.port() + " (name=" + c.name() + ")");
                    inv.println("Check the status of the link using 'skupper link status'.");
                }
                case "link status" -> {
                    a.args(key, 2, 0);
                    site.requireConfig();
                    var links = site.links();
                    if (links.isEmpty()) {
                        inv.println("There are no links configured or active");
                    }
                    for (SkupperSite.LinkStatus l : links) {
                        inv.println("Link " + l.name() + (l.active() ? " is active" : " not active"));
                    }
                }
                case "expose" -> {
                    String[] target = exposeTarget(a.words);
                    site.requireConfig();
                    ExposedService e = net.expose(site, target[1], a.intFlag("--port"), a.intFlag("--target-port"));
                    inv.println(target[0] + " " + target[1] + " exposed as " + e.address());
                }
                case "status" -> {
                    a.args(key, 1, 0);
                    inv.println(site.status());
                }
                default -> throw new IllegalStateException(key);
            }
            return 0;
        } catch (SkupperException e) {
            inv.eprintln("Error: " + e.getMessage());
            return 1;
        }
    }

    /** {@code deployment/NAME} or {@code deployment NAME}: {type, name}. */
    private static String[] exposeTarget(List<String> words) {
        List<String> args = words.subList(1, words.size());
        if (args.isEmpty() || (!args.get(0).contains("/") && args.size() < 2)) {
            throw new SkupperException("expose target and name must be specified (e.g. 'skupper expose deployment <name>'");
        }
        if (args.size() > 2) {
            throw new SkupperException("illegal argument: " + args.get(2));
        }
        if (args.size() > 1 && args.get(0).contains("/")) {
            throw new SkupperException("extra argument: " + args.get(1));
        }
        String type;
        String name;
        if (args.size() == 2) {
            type = args.get(0);
            name = args.get(1);
        } else {
            int slash = args.get(0).indexOf('/');
            type = args.get(0).substring(0, slash);
            name = args.get(0).substring(slash + 1);
        }
        if (!type.equals("deployment")) {
            throw new SkupperException("target type must be one of: [deployment] (knetsim exposes deployments; "
                + "Skupper also takes statefulset, pods and service), got " + type);
        }
        if (name.isEmpty()) {
            throw new SkupperException("expose target and name must be specified (e.g. 'skupper expose deployment <name>'");
        }
        return new String[] {type, name};
    }

    private static void write(Invocation inv, String file, String text) {
        Path p = inv.resolve(file);
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SkupperException("Failed to create token: Could not write to file " + file + ": open " + file
                + ": no such file or directory");
        } catch (IOException e) {
            throw new SkupperException("Failed to create token: Could not write to file " + file + ": " + e.getMessage());
        }
    }

    private static String read(Invocation inv, String file) {
        Path p = inv.resolve(file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SkupperException("Could not read connection token: open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new SkupperException("Could not read connection token: " + file + ": " + e.getMessage());
        }
    }

    private static final Map<String, List<String>> FLAGS = Map.of(
        "link create", List.of("--cost", "--name"),
        "expose", List.of("--port", "--target-port", "--address", "--protocol"));

    /** Every flag some verb takes, besides the global ones. */
    private static final List<String> ALL_FLAGS = List.of("--cost", "--name", "--port", "--target-port", "--address",
        "--protocol");

    private static final Map<String, String> HELP = helpTexts();

    private static Map<String, String> helpTexts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("", """
            Usage:
              skupper [command]

            Available Commands:
              expose      Expose a set of pods through a Skupper address
              init        Initialise skupper installation
              link        Manage skupper links definitions
              status      Report the status of the current Skupper site
              token       Manage skupper tokens

            Flags:
              -c, --context string     The kubeconfig context to use
              -h, --help               help for skupper
              -n, --namespace string   The Kubernetes namespace to use

            Use "skupper [command] --help" for more information about a command.
            """);
        m.put("init", """
            Setup a router and other supporting objects to provide a functional skupper
            installation that can then be connected to other skupper installations
            (knetsim: the router runs in the host network of the cluster's first node, listening
            for links on port 55671)

            Usage:
              skupper init [flags]

            Flags:
              -h, --help   help for init

            """ + GLOBAL_FLAGS);
        m.put("token", """
            Manage skupper tokens

            Usage:
              skupper token [command]

            Available Commands:
              create      Create a token.  The 'link create' command uses the token to establish a link from a remote Skupper site.

            Flags:
              -h, --help   help for token

            """ + GLOBAL_FLAGS);
        m.put("token create", """
            Create a token.  The 'link create' command uses the token to establish a link from a remote Skupper site.
            (knetsim: a certificate-type token without certificates; the file is written relative to
            the directory knetsim runs in)

            Usage:
              skupper token create <output-token-file> [flags]

            Flags:
              -h, --help   help for create

            """ + GLOBAL_FLAGS);
        m.put("link", """
            Manage skupper links definitions

            Usage:
              skupper link [command]

            Available Commands:
              create      Links this skupper site to the site that issued the token
              status      Check whether a link to another Skupper site is active

            Flags:
              -h, --help   help for link

            """ + GLOBAL_FLAGS);
        m.put("link create", """
            Links this skupper site to the site that issued the token

            Usage:
              skupper link create <input-token-file> [flags]

            Flags:
                  --cost int32    Specify a cost for this link. (default 1)
              -h, --help          help for create
                  --name string   Provide a specific name for the link (used when deleting it)

            """ + GLOBAL_FLAGS);
        m.put("link status", """
            Check whether a link to another Skupper site is active

            Usage:
              skupper link status [flags]

            Flags:
              -h, --help   help for status

            """ + GLOBAL_FLAGS);
        m.put("expose", """
            Expose a set of pods through a Skupper address
            (knetsim: a tcpConnector per ready pod of the deployment in this site; in every other
            enabled site a tcpListener on the port and a Service of the deployment's name)

            Usage:
              skupper expose [deployment <name>|deployment/<name>] [flags]

            Flags:
              -h, --help              help for expose
                  --port int          The port to expose on
                  --target-port int   The port to target on pods

            """ + GLOBAL_FLAGS);
        m.put("status", """
            Report the status of the current Skupper site

            Usage:
              skupper status [flags]

            Flags:
              -h, --help   help for status

            """ + GLOBAL_FLAGS);
        return Map.copyOf(m);
    }

    private static String help(String key) {
        return HELP.getOrDefault(key, HELP.get(""));
    }

    /** The words and flags of one command line, cobra-style. */
    private static final class Parsed {
        final List<String> words = new ArrayList<>();
        final Map<String, String> flags = new LinkedHashMap<>();
        Optional<String> context = Optional.empty();
        boolean help;

        static Parsed of(List<String> args) {
            PFlags f = new PFlags().bool("help", "h").value("context", "c").value("namespace", "n");
            ALL_FLAGS.forEach(flag -> f.value(flag.substring(2), null));
            try {
                f.parse(args);
            } catch (PFlags.PFlagException e) {
                throw new SkupperException(e.getMessage());
            }
            Parsed p = new Parsed();
            p.words.addAll(f.args());
            p.help = f.bool("help");
            p.context = Optional.ofNullable(f.string("context", null));
            String namespace = f.string("namespace", SkupperSite.NAMESPACE);
            if (!namespace.equals(SkupperSite.NAMESPACE)) {
                throw new SkupperException("namespace \"" + namespace + "\": knetsim's skupper works in namespace "
                    + SkupperSite.NAMESPACE + " only");
            }
            for (String flag : f.given()) {
                if (ALL_FLAGS.contains("--" + flag)) {
                    p.flags.put("--" + flag, f.string(flag, null));
                }
            }
            return p;
        }

        void allowFlags(List<String> allowed) {
            for (String f : flags.keySet()) {
                if (!allowed.contains(f)) {
                    throw new SkupperException("unknown flag: " + f);
                }
            }
            String protocol = flags.get("--protocol");
            if (protocol != null && !protocol.equals("tcp")) {
                throw new SkupperException("--protocol " + protocol + ": knetsim's routers bridge tcp only");
            }
            String address = flags.get("--address");
            if (address != null) {
                throw new SkupperException("--address: knetsim exposes a deployment under its own name only");
            }
        }

        /** The positional arguments after the {@code skip} command words, exactly {@code n} of them. */
        List<String> args(String command, int skip, int n) {
            List<String> rest = words.subList(Math.min(skip, words.size()), words.size());
            if (rest.size() != n) {
                throw new SkupperException(n == 0 ? "unknown command \"" + rest.get(0) + "\" for \"skupper " + command + "\""
                    : "accepts " + n + " arg(s), received " + rest.size());
            }
            return rest;
        }

        OptionalInt intFlag(String flag) {
            String v = flags.get(flag);
            if (v == null) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new SkupperException("invalid argument \"" + v + "\" for \"" + flag + "\" flag: strconv.ParseInt: "
                    + "parsing \"" + v + "\": invalid syntax");
            }
        }
    }
}
