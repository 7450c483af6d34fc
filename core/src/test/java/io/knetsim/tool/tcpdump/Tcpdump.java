package io.knetsim.tool.tcpdump;

import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;

/** A tool runner with tcpdump registered, as a world's shell has it. */
final class Tcpdump {
    private Tcpdump() {
    }

    static ToolRunner runner(Path workingDirectory) {
        ToolRegistry r = new ToolRegistry();
        TcpdumpTools.registerAll(r);
        return new ToolRunner(r, workingDirectory);
    }

    /** The banner tcpdump prints on stderr for a live capture without -v or -w. */
    static String banner(String iface, String linkType) {
        return "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n"
            + "listening on " + iface + ", link-type " + linkType + ", snapshot length 262144 bytes\n";
    }

    /** The counts tcpdump prints on stderr when it ends. */
    static String counts(int n) {
        String p = n == 1 ? " packet " : " packets ";
        return n + p + "captured\n" + n + p + "received by filter\n0 packets dropped by kernel\n";
    }
}
