package io.knetsim.tool;

import io.knetsim.tool.conntrack.ConntrackTool;
import io.knetsim.tool.coreutils.CoreUtils;
import io.knetsim.tool.curl.Curl;
import io.knetsim.tool.etcdctl.Etcdctl;
import io.knetsim.tool.iperf.Iperf3;
import io.knetsim.tool.kubectl.Kubectl;
import io.knetsim.tool.iproute.IprouteTools;
import io.knetsim.tool.iputils.Ping;
import io.knetsim.tool.nc.Nc;
import io.knetsim.tool.nettools.NetTools;
import io.knetsim.tool.nft.Nft;
import io.knetsim.tool.python.Python3;
import io.knetsim.tool.ss.SsTools;
import io.knetsim.tool.tcpdump.TcpdumpTools;
import io.knetsim.tool.traceroute.Traceroute;

/** The registry of every command core provides; feature modules add theirs on top. */
public final class CoreTools {
    private CoreTools() {
    }

    /** A new registry holding the core commands. */
    public static ToolRegistry registry() {
        ToolRegistry r = new ToolRegistry();
        r.register(new Ping());
        r.register(new Traceroute());
        IprouteTools.registerAll(r);
        NetTools.registerAll(r);
        TcpdumpTools.registerAll(r);
        SsTools.registerAll(r);
        Curl.registerAll(r);
        Nc.registerAll(r);
        Iperf3.registerAll(r);
        CoreUtils.registerAll(r);
        Etcdctl.registerAll(r);
        Nft.registerAll(r);
        ConntrackTool.registerAll(r);
        Kubectl.registerAll(r);
        io.knetsim.tool.dnsutils.DnsUtils.registerAll(r);
        Python3.registerAll(r);
        return r;
    }
}
