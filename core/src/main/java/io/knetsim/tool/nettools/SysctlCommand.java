package io.knetsim.tool.nettools;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sysctl} of procps-ng over the sysctls the model has ({@link io.knetsim.net.Sysctls}):
 * {@code sysctl KEY...}, {@code sysctl -n KEY}, {@code sysctl -w KEY=VALUE} (or just
 * {@code KEY=VALUE}), {@code sysctl -a}. Reads print {@code KEY = VALUE}; a write prints the
 * key and the value as given. Each failed key prints procps' message and makes the exit
 * status 255; the others are still done.
 */
final class SysctlCommand implements Command {
    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public String synopsis() {
        return "sysctl [-n] [-w] [-a] KEY[=VALUE]...: read and set kernel parameters of this namespace";
    }

    @Override
    public void start(Invocation inv) {
        inv.exit(run(inv));
    }

    private int run(Invocation inv) {
        NetNamespace ns = inv.ns();
        boolean valuesOnly = false;
        boolean write = false;
        boolean all = false;
        boolean quiet = false;
        boolean ignore = false;
        List<String> keys = new ArrayList<>();
        for (String a : inv.args()) {
            if (a.startsWith("-") && a.length() > 1 && !a.startsWith("--")) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'n' -> valuesOnly = true;
                        case 'w' -> write = true;
                        case 'a', 'A', 'X' -> all = true;
                        case 'q' -> quiet = true;
                        case 'e' -> ignore = true;
                        case 'p' -> throw new UsageException("sysctl: -p: reading settings from files is not modelled "
                            + "in knetsim", 255);
                        default -> throw new UsageException("sysctl: invalid option -- '" + c + "'\n"
                            + "Usage:\n sysctl [options] [variable[=value] ...]", 255);
                    }
                }
            } else if (a.equals("--all")) {
                all = true;
            } else if (a.equals("--values")) {
                valuesOnly = true;
            } else if (a.equals("--write")) {
                write = true;
            } else {
                keys.add(a);
            }
        }
        if (all) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : ns.sysctl().all().entrySet()) {
                sb.append(valuesOnly ? e.getValue() : e.getKey() + " = " + e.getValue()).append('\n');
            }
            inv.print(sb.toString());
            return 0;
        }
        if (keys.isEmpty()) {
            throw new UsageException("sysctl: no variables specified\nTry `sysctl --help' for more information.", 1);
        }
        int status = 0;
        for (String k : keys) {
            try {
                if (write || k.contains("=")) {
                    writeOne(inv, ns, k, valuesOnly, quiet);
                } else {
                    String key = k.replace('/', '.');
                    String v = ns.sysctl().get(key);
                    inv.println(valuesOnly ? v : key + " = " + v);
                }
            } catch (IllegalArgumentException e) {
                if (!(ignore && e.getMessage().contains("cannot stat"))) {
                    inv.eprintln(e.getMessage());
                    status = 255;
                }
            }
        }
        return status;
    }

    private static void writeOne(Invocation inv, NetNamespace ns, String arg, boolean valuesOnly, boolean quiet) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("sysctl: \"" + arg + "\" must be of the form name=value");
        }
        String key = arg.substring(0, eq).trim().replace('/', '.');
        String value = arg.substring(eq + 1).trim();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("sysctl: malformed setting \"" + arg + "\"");
        }
        ns.sysctl().get(key); // an unknown key fails here with procps' "cannot stat" message
        try {
            ns.sysctl().set(key, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sysctl: setting key \"" + key + "\": Invalid argument", e);
        }
        if (!quiet) {
            inv.println(valuesOnly ? value : key + " = " + value);
        }
    }
}
