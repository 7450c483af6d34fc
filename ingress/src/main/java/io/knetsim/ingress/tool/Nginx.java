package io.knetsim.ingress.tool;

import io.knetsim.fs.FileTree;
import io.knetsim.ingress.nginx.NginxConfWriter;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nginx -t}, {@code nginx -T} and {@code nginx -v} on a host, reading the configuration
 * the host's proxies wrote into its file view ({@code /etc/nginx/nginx.conf}, or the file of
 * {@code -c FILE}, and every file its {@code include} lines name, globs expanded in sorted
 * order). {@code -T} prints each file as nginx does:
 *
 * <pre>
 *   (stderr) nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
 *   (stderr) nginx: configuration file /etc/nginx/nginx.conf test is successful
 *   # configuration file /etc/nginx/nginx.conf:
 *   ...its text...
 *   (an empty line)
 *   # configuration file /etc/nginx/conf.d/grp1.conf:
 *   ...
 * </pre>
 *
 * A missing file gives nginx's {@code [emerg] open() ... failed (2: No such file or directory)}
 * and exit status 1. Starting or signalling nginx from the prompt is not modelled: proxies are
 * started by {@code run_ingress} or the Java API.
 */
public final class Nginx implements Command {
    /** The version {@code nginx -v} reports. */
    public static final String VERSION = "nginx/1.26.2";
    private static final Pattern INCLUDE = Pattern.compile("^\\s*include\\s+([^;\\s]+)\\s*;");

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public String synopsis() {
        return "nginx -t|-T [-c FILE] | -v: test, or test and dump, the configuration of this host's proxies";
    }

    @Override
    public void start(Invocation inv) {
        inv.exit(run(inv));
    }

    private int run(Invocation inv) {
        boolean test = false;
        boolean dump = false;
        String file = NginxConfWriter.MAIN_PATH;
        List<String> args = inv.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-t" -> test = true;
                case "-T" -> {
                    test = true;
                    dump = true;
                }
                case "-v" -> {
                    inv.eprintln("nginx version: " + VERSION);
                    return 0;
                }
                case "-c" -> {
                    if (i + 1 >= args.size()) {
                        inv.eprintln("nginx: option \"-c\" requires file name");
                        return 1;
                    }
                    file = FileTree.normalize(args.get(++i));
                }
                default -> {
                    inv.eprintln("nginx: invalid option: \"" + (a.startsWith("-") ? a.substring(1) : a) + "\"");
                    return 1;
                }
            }
        }
        if (!test) {
            inv.eprintln("nginx: only -t, -T and -v are modelled; proxies start with run_ingress");
            return 1;
        }
        FileTree fs = inv.ns().files();
        List<String[]> files = new ArrayList<>();
        String error = collect(fs, file, null, 0, files);
        if (error != null) {
            inv.eprintln("nginx: [emerg] " + error);
            inv.eprintln("nginx: configuration file " + file + " test failed");
            return 1;
        }
        inv.eprintln("nginx: the configuration file " + file + " syntax is ok");
        inv.eprintln("nginx: configuration file " + file + " test is successful");
        if (dump) {
            StringBuilder sb = new StringBuilder();
            for (String[] f : files) {
                sb.append("# configuration file ").append(f[0]).append(":\n").append(f[1]).append('\n');
            }
            inv.print(sb.toString());
        }
        return 0;
    }

    /** Adds {@code path} and what it includes to {@code out}; returns nginx's error text or null. */
    private static String collect(FileTree fs, String path, String from, int fromLine, List<String[]> out) {
        String text = fs.readString(path);
        if (text == null) {
            return "open() \"" + path + "\" failed (2: No such file or directory)"
                + (from == null ? "" : " in " + from + ":" + fromLine);
        }
        out.add(new String[] {path, text});
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            Matcher m = INCLUDE.matcher(lines[n]);
            if (!m.find()) {
                continue;
            }
            String inc = m.group(1);
            if (inc.contains("*")) {
                int slash = inc.lastIndexOf('/');
                String dir = inc.substring(0, slash);
                Pattern glob = Pattern.compile(Pattern.quote(inc.substring(slash + 1)).replace("*", "\\E.*\\Q"));
                if (!fs.isDirectory(dir)) {
                    continue;
                }
                for (String name : fs.list(dir)) {
                    String p = dir + "/" + name;
                    if (glob.matcher(name).matches() && fs.isFile(p)) {
                        String e = collect(fs, p, path, n + 1, out);
                        if (e != null) {
                            return e;
                        }
                    }
                }
            } else {
                String e = collect(fs, inc, path, n + 1, out);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }
}
