package io.knetsim.tool.nettools;

import io.knetsim.tool.ToolRegistry;

/** The classic tools: {@code ifconfig} (net-tools), {@code sysctl} (procps-ng) and {@code hostname}. */
public final class NetTools {
    private NetTools() {
    }

    /** Registers {@code ifconfig}, {@code sysctl} and {@code hostname} in {@code r}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Ifconfig());
        r.register(new SysctlCommand());
        r.register(new HostnameCommand());
    }
}
