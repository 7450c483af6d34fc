package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.tool.Args;
import io.knetsim.tool.UsageException;

/**
 * Argument parsing shared by {@code ip} and {@code bridge}, with iproute2's messages and exit
 * statuses: a bad prefix or address exits 1, a refused netlink request 2, a usage error 255.
 */
final class IpParse {
    private IpParse() {
    }

    /** iproute2's {@code matches()}: {@code word} is a non-empty prefix of {@code keyword}. */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }

    /** {@code get_prefix}: {@code A.B.C.D[/N]}; {@code default}/{@code any}/{@code all} is 0/0. */
    static Cidr prefix(String text, boolean inet) {
        if (text.equals("default") || text.equals("any") || text.equals("all")) {
            return Cidr.parse("0.0.0.0/0");
        }
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: " + (inet ? "inet" : "any valid") + " prefix is expected rather than \""
                + text + "\".", 1);
        }
    }

    /** {@code get_addr}: a plain IPv4 address. */
    static Ipv4Address address(String text, boolean inet) {
        if (!Ipv4Address.isValid(text)) {
            throw new UsageException("Error: " + (inet ? "inet" : "any valid") + " address is expected rather than \""
                + text + "\".", 1);
        }
        return Ipv4Address.parse(text);
    }

    /** {@code ll_addr_a2n}: a MAC address. */
    static MacAddress lladdr(String text) {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("\"" + text + "\" is invalid lladdr.", 1);
        }
    }

    /** An unsigned decimal number, or iproute2's {@code invarg} message naming {@code what}. */
    static int number(String text, String what, long max) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0 && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invarg(what, text);
    }

    /** iproute2's {@code invarg()}: {@code Error: argument "X" is wrong: MSG}, exit 255. */
    static UsageException invarg(String msg, String arg) {
        return new UsageException("Error: argument \"" + arg + "\" is wrong: " + msg, 255);
    }

    /** iproute2's {@code check_ifname}: at most 15 characters, no '/', no whitespace, not "." or "..". */
    static String ifname(String name) {
        if (name.isEmpty() || name.length() > 15 || name.equals(".") || name.equals("..")
            || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
            throw invarg("\"name\" not a valid ifname", name);
        }
        return name;
    }

    /** A device for a command that changes it: {@code Cannot find device "X"}, exit 1. */
    static NetDevice device(NetNamespace ns, String name) {
        NetDevice d = ns.device(name);
        if (d == null) {
            throw noDevice(name);
        }
        return d;
    }

    static UsageException noDevice(String name) {
        return new UsageException("Cannot find device \"" + name + "\"", 1);
    }

    /** A device for a listing filter: {@code Device "X" does not exist.}, exit 1. */
    static NetDevice shownDevice(NetNamespace ns, String name) {
        NetDevice d = ns.device(name);
        if (d == null) {
            throw new UsageException("Device \"" + name + "\" does not exist.", 1);
        }
        return d;
    }

    /** A refused netlink request: the kernel's message, exit 2. */
    static UsageException rtnetlink(String message) {
        return new UsageException(message.startsWith("RTNETLINK") || message.startsWith("Error:") ? message
            : "RTNETLINK answers: " + message, 2);
    }

    static UsageException refused(NetlinkException e) {
        return rtnetlink(e.getMessage());
    }

    /** A cursor over iproute2 arguments: running out of words is an incomplete command line. */
    static Args args(java.util.List<String> words) {
        return new Args(words, IpParse::incomplete);
    }

    static UsageException incomplete() {
        return new UsageException("Command line is not complete. Try option \"help\"", 255);
    }

    /** iproute2's answer to a verb an object does not know: {@code Command "x" is unknown, try "ip link help".} */
    static UsageException unknownCommand(String cmd, String help) {
        return new UsageException("Command \"" + cmd + "\" is unknown, try \"" + help + "\".", 255);
    }
}
