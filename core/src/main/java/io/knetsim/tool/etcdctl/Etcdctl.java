package io.knetsim.tool.etcdctl;

import io.knetsim.kv.EtcdClient;
import io.knetsim.kv.EtcdDeleteOptions;
import io.knetsim.kv.EtcdEndpoint;
import io.knetsim.kv.EtcdResponse;
import io.knetsim.kv.EtcdSetOptions;
import io.knetsim.kv.EtcdWatch;
import io.knetsim.kv.KvNode;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code etcdctl} as etcd 2.3's (the v2 API):
 *
 * <pre>
 * etcdctl [--endpoints URL[,URL]] [--output simple|extended|json] COMMAND [FLAGS] ARGS
 *   get [--sort] [--quorum] KEY               set [--ttl N] [--swap-with-value V] [--swap-with-index N] KEY VALUE
 *   mk [--in-order] [--ttl N] KEY VALUE       mkdir [--ttl N] KEY     setdir [--ttl N] KEY
 *   update [--ttl N] KEY VALUE                updatedir [--ttl N] KEY
 *   rm [--dir] [-r] [--with-value V] [--with-index N] KEY            rmdir KEY
 *   ls [--sort] [-r] [-p] [--quorum] [KEY]    watch [--forever] [--after-index N] [-r] KEY
 * </pre>
 *
 * Outputs are etcdctl's ({@link EtcdctlOutput}); {@code get} of a directory says
 * {@code /dir: is a directory} and exits 1. Errors go to stderr as {@code Error:  100: Key not
 * found (/foo) [12]} with exit status 4 (etcdctl's {@code ExitServerError}); with
 * {@code --output json} the error is its JSON. When no endpoint answers it prints the Go
 * client's {@code ClusterError} and its detail and exits 2 ({@code ExitBadConnection}); missing
 * arguments are {@code Error:  key required} (or {@code value required}) with status 1. The
 * default endpoints are {@code http://127.0.0.1:2379,http://127.0.0.1:4001}, as etcdctl v2's.
 * {@code watch} prints each change ({@code [action] key} first when {@code -r}); with
 * {@code --forever} it runs until interrupted, which exits 0 as etcdctl's SIGINT handler does.
 * Not modelled: {@code exec-watch}, the member/user/role/backup commands, reading a value from
 * stdin, and the {@code /v2/members} sync (every endpoint given is used as is, as with
 * {@code --no-sync}).
 */
public final class Etcdctl implements Command {
    /** etcdctl v2's default {@code --endpoints}. */
    public static final String DEFAULT_ENDPOINTS = "http://127.0.0.1:2379,http://127.0.0.1:4001";

    static final int EXIT_BAD_ARGS = 1;
    static final int EXIT_BAD_CONNECTION = 2;
    static final int EXIT_SERVER_ERROR = 4;

    /** Registers {@code etcdctl}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Etcdctl());
    }

    @Override
    public String name() {
        return "etcdctl";
    }

    @Override
    public String synopsis() {
        return "etcdctl [--endpoints URLS] [-o simple|extended|json] get|set|mk|mkdir|setdir|update|updatedir|rm|rmdir|ls|watch ...";
    }

    @Override
    public void start(Invocation inv) {
        GoFlags global = new GoFlags().flag(false, "endpoints", "endpoint", "peers", "C").flag(false, "output", "o")
            .flag(true, "no-sync").flag(true, "debug").parse(inv.args());
        List<String> rest = global.args();
        if (rest.isEmpty()) {
            inv.println(synopsis());
            inv.exit(0);
            return;
        }
        String format = global.string("output", "simple");
        List<EtcdEndpoint> eps = new ArrayList<>();
        for (String u : global.string("endpoints", DEFAULT_ENDPOINTS).split(",")) {
            try {
                eps.add(EtcdEndpoint.parse(u.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("Error:  " + e.getMessage(), EXIT_BAD_ARGS);
            }
        }
        Run run = new Run(inv, new EtcdClient(inv.ns(), eps), format);
        String cmd = rest.get(0);
        List<String> words = rest.subList(1, rest.size());
        switch (cmd) {
            case "get" -> run.get(new GoFlags().flag(true, "sort").flag(true, "quorum").parse(words));
            case "set" -> run.set(new GoFlags().flag(false, "ttl").flag(false, "swap-with-value")
                .flag(false, "swap-with-index").parse(words));
            case "mk" -> run.mk(new GoFlags().flag(true, "in-order").flag(false, "ttl").parse(words));
            case "mkdir", "setdir", "updatedir" -> run.dir(cmd, new GoFlags().flag(false, "ttl").parse(words));
            case "update" -> run.update(new GoFlags().flag(false, "ttl").parse(words));
            case "rm" -> run.rm(new GoFlags().flag(true, "dir").flag(true, "recursive", "r").flag(false, "with-value")
                .flag(false, "with-index").parse(words));
            case "rmdir" -> run.rmdir(new GoFlags().parse(words));
            case "ls" -> run.ls(new GoFlags().flag(true, "sort").flag(true, "recursive", "r").flag(true, "p")
                .flag(true, "quorum").parse(words));
            case "watch" -> run.watch(new GoFlags().flag(true, "forever", "f").flag(true, "recursive", "r")
                .flag(false, "after-index").parse(words));
            default -> throw new UsageException("No help topic for '" + cmd + "'", 3);
        }
    }

    /** One etcdctl run: the client, the output format, and the callbacks that print and exit. */
    private static final class Run {
        private final Invocation inv;
        private final EtcdClient client;
        private final String format;

        Run(Invocation inv, EtcdClient client, String format) {
            this.inv = inv;
            this.client = client;
            this.format = format;
        }

        private static String key(GoFlags f) {
            if (f.args().isEmpty()) {
                throw new UsageException("Error:  key required", EXIT_BAD_ARGS);
            }
            return f.args().get(0);
        }

        private static String value(GoFlags f) {
            if (f.args().size() < 2) {
                throw new UsageException("Error:  value required", EXIT_BAD_ARGS);
            }
            return f.args().get(1);
        }

        private static Long ttl(GoFlags f) {
            long t = f.integer("ttl");
            return t > 0 ? t : null;
        }

        /** Calls {@code ok} with a successful answer, else prints the error and exits. */
        private Consumer<EtcdResponse> then(Consumer<EtcdResponse> ok) {
            return r -> {
                if (inv.finished()) {
                    return;
                }
                if (r.ok()) {
                    ok.accept(r);
                    return;
                }
                fail(r);
            };
        }

        private void fail(EtcdResponse r) {
            if (r.unreachable()) {
                inv.eprintln("Error:  " + r.clusterErrorMessage());
                inv.eprintln(r.clusterErrorDetail());
                inv.exit(EXIT_BAD_CONNECTION);
                return;
            }
            if (format.equals("json")) {
                inv.eprintln(EtcdctlOutput.json(r.error()));
            } else {
                inv.eprintln("Error:  " + r.error().getMessage());
            }
            inv.exit(EXIT_SERVER_ERROR);
        }

        private void print(EtcdResponse r) {
            EtcdctlOutput.printResponseKey(inv, r.event(), format);
            inv.exit(0);
        }

        void get(GoFlags f) {
            String key = key(f);
            client.get(key, false, f.bool("sort"), then(r -> {
                if (r.node().dir()) {
                    inv.eprintln(r.node().key() + ": is a directory");
                    inv.exit(1);
                    return;
                }
                print(r);
            }));
        }

        void set(GoFlags f) {
            String key = key(f);
            String value = value(f);
            String swapValue = f.string("swap-with-value", "");
            EtcdSetOptions o = EtcdSetOptions.NONE.withTtl(ttl(f)).withPrevIndex(f.integer("swap-with-index"))
                .withPrevValue(swapValue.isEmpty() ? null : swapValue);
            client.set(key, value, o, then(this::print));
        }

        void mk(GoFlags f) {
            String key = key(f);
            String value = value(f);
            if (f.bool("in-order")) {
                client.createInOrder(key, value, ttl(f), then(this::print));
            } else {
                client.create(key, value, ttl(f), then(this::print));
            }
        }

        void update(GoFlags f) {
            String key = key(f);
            String value = value(f);
            client.set(key, value, EtcdSetOptions.NONE.withPrevExist(true).withTtl(ttl(f)), then(this::print));
        }

        /** mkdir (must not exist), setdir (any), updatedir (must exist): silent in the simple format. */
        void dir(String cmd, GoFlags f) {
            String key = key(f);
            Boolean prevExist = switch (cmd) {
                case "mkdir" -> false;
                case "updatedir" -> true;
                default -> null;
            };
            client.set(key, "", EtcdSetOptions.NONE.withDir(true).withTtl(ttl(f)).withPrevExist(prevExist),
                then(this::printUnlessSimple));
        }

        private void printUnlessSimple(EtcdResponse r) {
            if (!format.equals("simple")) {
                EtcdctlOutput.printResponseKey(inv, r.event(), format);
            }
            inv.exit(0);
        }

        void rm(GoFlags f) {
            String key = key(f);
            String withValue = f.string("with-value", "");
            EtcdDeleteOptions o = EtcdDeleteOptions.NONE.withDir(f.bool("dir")).withRecursive(f.bool("recursive"))
                .withPrevValue(withValue.isEmpty() ? null : withValue).withPrevIndex(f.integer("with-index"));
            client.delete(key, o, then(this::printDelete));
        }

        void rmdir(GoFlags f) {
            String key = key(f);
            client.delete(key, EtcdDeleteOptions.NONE.withDir(true), then(this::printDelete));
        }

        private void printDelete(EtcdResponse r) {
            if (!r.node().dir() || !format.equals("simple")) {
                EtcdctlOutput.printResponseKey(inv, r.event(), format);
            }
            inv.exit(0);
        }

        void ls(GoFlags f) {
            String key = f.args().isEmpty() ? "/" : f.args().get(0);
            boolean p = f.bool("p");
            client.get(key, f.bool("recursive"), f.bool("sort"), then(r -> {
                if (!format.equals("simple")) {
                    EtcdctlOutput.printResponseKey(inv, r.event(), format);
                } else {
                    if (!r.node().dir()) {
                        inv.println(r.node().key());
                    }
                    if (r.node().nodes() != null) {
                        for (KvNode n : r.node().nodes()) {
                            rPrint(n, p);
                        }
                    }
                }
                inv.exit(0);
            }));
        }

        private void rPrint(KvNode n, boolean p) {
            inv.println(n.dir() && p ? n.key() + "/" : n.key());
            if (n.nodes() != null) {
                for (KvNode c : n.nodes()) {
                    rPrint(c, p);
                }
            }
        }

        void watch(GoFlags f) {
            String key = key(f);
            boolean forever = f.bool("forever");
            boolean recursive = f.bool("recursive");
            long after = f.integer("after-index");
            EtcdWatch[] current = new EtcdWatch[1];
            inv.onInterrupt(() -> inv.exit(0));
            inv.onExit(() -> {
                if (current[0] != null) {
                    current[0].cancel();
                }
            });
            next(key, recursive, forever, after > 0 ? after + 1 : 0, current);
        }

        private void next(String key, boolean recursive, boolean forever, long waitIndex, EtcdWatch[] current) {
            current[0] = client.watch(key, recursive, waitIndex, then(r -> {
                KvNode n = r.node();
                if (!n.dir()) {
                    if (recursive) {
                        inv.println("[" + r.event().action() + "] " + n.key());
                    }
                    EtcdctlOutput.printResponseKey(inv, r.event(), format);
                    if (!forever) {
                        inv.exit(0);
                        return;
                    }
                }
                next(key, recursive, forever, n.modifiedIndex() + 1, current);
            }));
        }
    }
}
