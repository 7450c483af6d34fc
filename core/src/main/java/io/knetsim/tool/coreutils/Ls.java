package io.knetsim.tool.coreutils;

import io.knetsim.fs.FileTree;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ls [-1] [-l] [PATH...]}: lists a directory of the host's file view one name per line,
 * as {@code ls} does when its output is not a terminal. With several paths each directory
 * gets a {@code NAME:} heading, files are listed first, as GNU ls orders them. {@code -l} adds
 * the type and the size in bytes. A missing path gets coreutils' message and exit status 2.
 */
final class Ls implements Command {
    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String synopsis() {
        return "ls [-l] [PATH...]: list files of this host (e.g. /etc/cni/net.d)";
    }

    @Override
    public void start(Invocation inv) {
        boolean longFormat = false;
        List<String> paths = new ArrayList<>();
        for (String a : inv.args()) {
            if (a.equals("-l")) {
                longFormat = true;
            } else if (a.equals("-1")) {
                continue;
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("ls: invalid option -- '" + a.substring(1) + "'\n"
                    + "Try 'ls --help' for more information.", 2);
            } else {
                paths.add(a);
            }
        }
        if (paths.isEmpty()) {
            paths.add("/");
        }
        FileTree files = inv.ns().files();
        int status = 0;
        List<String> dirArgs = new ArrayList<>();
        boolean printed = false;
        for (String a : paths) {
            String p = CoreUtils.absolute(a);
            if (files.isDirectory(p)) {
                dirArgs.add(a);
            } else if (files.isFile(p)) {
                inv.println(entry(files, p, a, longFormat));
                printed = true;
            } else {
                inv.eprintln("ls: cannot access '" + a + "': No such file or directory");
                status = 2;
            }
        }
        boolean headings = paths.size() > 1;
        for (String a : dirArgs) {
            String p = CoreUtils.absolute(a);
            if (headings) {
                inv.print(printed ? "\n" : "");
                inv.println(a + ":");
                printed = true;
            }
            for (String name : files.list(p)) {
                String child = p.equals("/") ? "/" + name : p + "/" + name;
                inv.println(entry(files, child, name, longFormat));
            }
        }
        inv.exit(status);
    }

    private static String entry(FileTree files, String path, String shown, boolean longFormat) {
        if (!longFormat) {
            return shown;
        }
        boolean dir = files.isDirectory(path);
        return String.format("%s %8d %s", dir ? "drwxr-xr-x" : "-rw-r--r--", dir ? 4096 : files.size(path), shown);
    }
}
