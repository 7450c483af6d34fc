package io.knetsim.cni.plugins;

import io.knetsim.addr.Cidr;
import io.knetsim.cni.CniError;
import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /run/flannel/subnet.env} as the flannel CNI plugin reads it ({@code loadFlannelSubnetEnv});
 * flanneld writes it with {@link io.knetsim.cni.flanneld.SubnetEnv}, as the two are separate
 * programs in flannel too:
 *
 * <pre>
 *   FLANNEL_NETWORK=11.0.0.0/8
 *   FLANNEL_SUBNET=11.10.16.1/20
 *   FLANNEL_MTU=1450
 *   FLANNEL_IPMASQ=true
 * </pre>
 *
 * CIDRs are read as Go's {@code net.ParseCIDR} returns the network, so FLANNEL_SUBNET
 * {@code 11.10.16.1/20} gives the subnet {@code 11.10.16.0/20}.
 *
 * @param network the whole flannel network (routes to it go through the pod's gateway)
 * @param subnet  this host's lease
 * @param mtu     the pod interface MTU
 * @param ipMasq  whether flanneld masquerades (then the bridge must not)
 */
public record FlannelSubnetEnv(Cidr network, Cidr subnet, int mtu, boolean ipMasq) {
    /** The plugin's default {@code subnetFile}: where flanneld writes by default. */
    public static final String DEFAULT_PATH = io.knetsim.cni.flanneld.SubnetEnv.DEFAULT_PATH;

    /** Reads the file; a missing file is code 11 (flanneld has not written it yet: try again later). */
    public static FlannelSubnetEnv read(FileTree files, String path) throws CniError {
        String text = files.readString(path);
        if (text == null) {
            throw new CniError(CniError.TRY_AGAIN_LATER, "open " + path + ": no such file or directory");
        }
        Cidr nw = null;
        Cidr sn = null;
        Integer mtu = null;
        Boolean masq = null;
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            String val = eq < 0 ? "" : line.substring(eq + 1).trim();
            switch (key) {
                case "FLANNEL_NETWORK" -> nw = cidr(path, key, val);
                case "FLANNEL_SUBNET" -> sn = cidr(path, key, val);
                case "FLANNEL_MTU" -> {
                    if (val.isEmpty() || val.length() > 9 || !val.chars().allMatch(Character::isDigit)) {
                        throw new CniError(CniError.INVALID_CONFIG, path + ": FLANNEL_MTU: strconv.ParseUint: parsing \""
                            + val + "\": invalid syntax");
                    }
                    mtu = Integer.parseInt(val);
                }
                case "FLANNEL_IPMASQ" -> masq = val.equals("true");
                default -> {
                    // other keys (FLANNEL_IPV6_*) are not modelled; flannel ignores unknown ones
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (nw == null) {
            missing.add("FLANNEL_NETWORK, FLANNEL_IPV6_NETWORK");
        }
        if (sn == null) {
            missing.add("FLANNEL_SUBNET, FLANNEL_IPV6_SUBNET");
        }
        if (mtu == null) {
            missing.add("FLANNEL_MTU");
        }
        if (masq == null) {
            missing.add("FLANNEL_IPMASQ");
        }
        if (!missing.isEmpty()) {
            throw new CniError(CniError.INVALID_CONFIG, path + " is missing " + String.join(", ", missing));
        }
        return new FlannelSubnetEnv(nw, sn, mtu, masq);
    }

    private static Cidr cidr(String path, String key, String val) throws CniError {
        try {
            if (!val.contains("/")) {
                throw new IllegalArgumentException();
            }
            return Cidr.parse(val).network();
        } catch (IllegalArgumentException e) {
            throw new CniError(CniError.INVALID_CONFIG, path + ": " + key + ": invalid CIDR address: " + val);
        }
    }
}
