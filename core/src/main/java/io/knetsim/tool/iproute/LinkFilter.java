package io.knetsim.tool.iproute;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Args;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The device selection {@code ip addr show} and {@code ip link show} share:
 * {@code [dev] NAME}, {@code up}, {@code master DEV}, {@code nomaster}, {@code type KIND}.
 */
final class LinkFilter {
    private String dev;
    private boolean up;
    private NetDevice master;
    private boolean noMaster;
    private String kind;

    /** Reads the filter words; {@code usage} is thrown for {@code help}. */
    static LinkFilter parse(NetNamespace ns, Args args, Runnable usage) {
        LinkFilter f = new LinkFilter();
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "up" -> f.up = true;
                case "master" -> {
                    String m = args.value();
                    f.master = ns.device(m);
                    if (f.master == null) {
                        throw IpParse.invarg("Device does not exist\n", m);
                    }
                }
                case "nomaster" -> f.noMaster = true;
                case "type" -> f.kind = args.value();
                default -> {
                    String name = w;
                    if (w.equals("dev")) {
                        name = args.value();
                    } else if (IpParse.matches(w, "help")) {
                        usage.run();
                    }
                    if (f.dev != null) {
                        throw new UsageException("Error: either \"dev\" is duplicate, or \"" + name + "\" is a garbage.",
                            255);
                    }
                    f.dev = name;
                }
            }
        }
        if (f.dev != null) {
            IpParse.shownDevice(ns, f.dev);
        }
        return f;
    }

    /** True if a device was named (nothing is printed for filters that match nothing else). */
    boolean namedDevice() {
        return dev != null;
    }

    String deviceName() {
        return dev;
    }

    List<NetDevice> select(NetNamespace ns) {
        List<NetDevice> out = new ArrayList<>();
        for (NetDevice d : ns.devices()) {
            if (dev != null && !d.name().equals(dev)) {
                continue;
            }
            if (up && !d.isUp()) {
                continue;
            }
            if (master != null && d.master() != master) {
                continue;
            }
            if (noMaster && d.master() != null) {
                continue;
            }
            if (kind != null && !kind.equals(DeviceFacts.linkKind(d))) {
                continue;
            }
            out.add(d);
        }
        return out;
    }
}
