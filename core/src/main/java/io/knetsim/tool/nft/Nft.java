package io.knetsim.tool.nft;

import io.knetsim.fs.FileTree;
import io.knetsim.netfilter.nft.Nftables;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nft}: programs the namespace's nftables ruleset. Arguments are joined with spaces
 * into one command, as nft does; {@code -f FILE} reads a ruleset file from the host's files;
 * {@code -a} shows handles; {@code -c} checks without changing anything. Errors are printed as
 * nft prints them, with the input line and {@code ^} markers under the offending words, exit
 * status 1, and the ruleset left as it was.
 */
public final class Nft implements Command {
    @Override
    public String name() {
        return "nft";
    }

    @Override
    public String synopsis() {
        return "nft [-a] [-c] [-f FILE | COMMAND]: add/insert/replace/delete/flush/list tables, chains, rules, sets, maps; "
            + "monitor trace";
    }

    /** Registers {@code nft} and {@code dmesg} (where {@code log} statements write). */
    public static void registerAll(ToolRegistry r) {
        r.register(new Nft());
        r.register(new Dmesg());
    }

    @Override
    public void start(Invocation inv) {
        boolean handles = false;
        boolean check = false;
        String file = null;
        List<String> words = new ArrayList<>();
        List<String> args = inv.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!words.isEmpty()) {
                words.add(a);
                continue;
            }
            switch (a) {
                case "-a", "--handle" -> handles = true;
                case "-c", "--check" -> check = true;
                case "-f", "--file" -> {
                    if (i + 1 >= args.size()) {
                        inv.eprintln("nft: option requires an argument -- 'f'");
                        inv.exit(1);
                        return;
                    }
                    file = args.get(++i);
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1 && !Character.isDigit(a.charAt(1))) {
                        inv.eprintln("nft: invalid option -- '" + a.substring(1) + "'");
                        inv.exit(1);
                        return;
                    }
                    words.add(a);
                }
            }
        }
        if (file == null && !words.isEmpty() && words.get(0).equals("monitor")) {
            monitor(inv, words);
            return;
        }
        Source src;
        if (file != null) {
            FileTree files = inv.ns().files();
            String path = FileTree.normalize(file.startsWith("/") ? file : "/" + file); // nft runs in /
            if (!files.isFile(path)) {
                inv.eprintln("Error: Could not open file \"" + file + "\": No such file or directory");
                inv.exit(1);
                return;
            }
            src = new Source(file, files.readString(path), true);
        } else if (words.isEmpty()) {
            inv.eprintln("nft: no command given (interactive mode is not modelled); try 'nft list ruleset'");
            inv.exit(1);
            return;
        } else {
            src = new Source("", String.join(" ", words), false);
        }
        Nftables nft = inv.ns().nftables();
        boolean showHandles = handles;
        try {
            if (check) {
                try {
                    nft.apply(n -> {
                        new CommandParser(n, src, showHandles).run();
                        throw new CheckOnly();
                    });
                } catch (CheckOnly ok) {
                    // everything parsed and applied; undone on purpose
                }
            } else {
                inv.print(new CommandParser(nft, src, handles).run());
            }
        } catch (NftSyntaxException e) {
            inv.eprint(e.report());
            inv.exit(1);
            return;
        }
        inv.exit(0);
    }

    /**
     * {@code nft monitor trace}: prints the trace events of packets marked with
     * {@code meta nftrace set 1} as they happen, until interrupted (exit 130, as after Ctrl-C).
     * Run it in the background ({@code nft monitor trace &}) or as a command the world's clock
     * runs under. Other monitor event kinds are not modelled.
     */
    private static void monitor(Invocation inv, List<String> words) {
        if (words.size() != 2 || !words.get(1).equals("trace")) {
            inv.eprintln("Error: 'nft " + String.join(" ", words) + "' is not modelled by knetsim; only "
                + "'nft monitor trace' is");
            inv.exit(1);
            return;
        }
        io.knetsim.netfilter.nft.TraceMonitor m = inv.ns().nftables().monitorTrace(inv::println);
        inv.onExit(m::stop);
    }

    /**
     * Runs nft commands on a ruleset as one transaction, the way a program linked with
     * libnftables does ({@code nft_run_cmd_from_buffer}): {@code commands} has the syntax of a
     * file given to {@code -f} (one command a line, or table blocks). Returns what list commands
     * printed.
     *
     * @throws IllegalArgumentException with nft's error report as the message; the ruleset is unchanged
     */
    public static String run(Nftables nft, String commands) {
        try {
            return new CommandParser(nft, new Source("<cmdline>", commands, true), false).run();
        } catch (NftSyntaxException e) {
            throw new IllegalArgumentException(e.report(), e);
        }
    }

    /** Unwinds a {@code -c} run after it succeeded, so the transaction is undone. */
    private static final class CheckOnly extends RuntimeException {
        CheckOnly() {
            super(null, null, false, false);
        }
    }
}
