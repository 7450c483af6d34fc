package io.knetsim.tool.nettools;

import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import io.knetsim.tool.iproute.DeviceFacts;

/**
 * {@code hostname} as Debian's hostname prints it: the name ({@code -s} up to the first dot,
 * {@code -d} the domain after it, {@code -f} all of it); {@code -I} every address of every
 * interface that is up, except loopback, each followed by a space; {@code -i} the address
 * the host name resolves to. knetsim has no {@code /etc/hosts}, so {@code -i} answers as a
 * pod's {@code /etc/hosts} would: the primary address of the first interface that is up
 * (other than lo), or {@code 127.0.1.1} as Debian's installer writes it when there is none.
 * {@code hostname NAME} sets the name.
 */
final class HostnameCommand implements Command {
    @Override
    public String name() {
        return "hostname";
    }

    @Override
    public String synopsis() {
        return "hostname [-I | -i | -s | -f | -d | NAME]: show or set the host name";
    }

    @Override
    public void start(Invocation inv) {
        NetNamespace ns = inv.ns();
        var args = inv.args();
        if (args.isEmpty()) {
            inv.println(ns.hostname());
            inv.exit(0);
            return;
        }
        if (args.size() > 1) {
            throw new UsageException("Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n"
                + "       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name", 1);
        }
        String a = args.get(0);
        String name = ns.hostname();
        int dot = name.indexOf('.');
        switch (a) {
            case "-I", "--all-ip-addresses" -> inv.println(allAddresses(ns));
            case "-i", "--ip-address" -> inv.println(resolvedAddress(ns));
            case "-s", "--short" -> inv.println(dot < 0 ? name : name.substring(0, dot));
            case "-f", "--fqdn", "--long" -> inv.println(name);
            case "-d", "--domain" -> inv.println(dot < 0 ? "" : name.substring(dot + 1));
            default -> {
                if (a.startsWith("-")) {
                    throw new UsageException("hostname: invalid option -- '" + a.substring(1) + "'", 1);
                }
                ns.setHostname(a);
            }
        }
        inv.exit(0);
    }

    private static String allAddresses(NetNamespace ns) {
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : ns.devices()) {
            if (!d.isUp() || DeviceFacts.isLoopback(d)) {
                continue;
            }
            for (IfAddress a : d.addresses()) {
                sb.append(a.address()).append(' ');
            }
        }
        return sb.toString();
    }

    private static String resolvedAddress(NetNamespace ns) {
        for (NetDevice d : ns.devices()) {
            if (d.isUp() && !DeviceFacts.isLoopback(d) && d.primaryAddress() != null) {
                return d.primaryAddress().address().toString();
            }
        }
        return "127.0.1.1";
    }
}
