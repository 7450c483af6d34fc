package io.knetsim.tool.coreutils;

import io.knetsim.fs.FileTree;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;

/**
 * {@code cat FILE...}: prints each file of the host's file view in turn. A missing file or a
 * directory gets coreutils' message on standard error and exit status 1, after the others
 * have been printed.
 */
final class Cat implements Command {
    @Override
    public String name() {
        return "cat";
    }

    @Override
    public String synopsis() {
        return "cat FILE...: print files of this host (e.g. /run/flannel/subnet.env)";
    }

    @Override
    public void start(Invocation inv) {
        if (inv.args().isEmpty()) {
            throw new UsageException("cat: reading standard input is not supported here; name a file", 1);
        }
        FileTree files = inv.ns().files();
        int status = 0;
        for (String a : inv.args()) {
            String path = CoreUtils.absolute(a);
            if (files.isDirectory(path)) {
                inv.eprintln("cat: " + a + ": Is a directory");
                status = 1;
            } else if (!files.isFile(path)) {
                inv.eprintln("cat: " + a + ": No such file or directory");
                status = 1;
            } else {
                inv.print(files.readString(path));
            }
        }
        inv.exit(status);
    }
}
