package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.fs.FileTree;

/**
 * {@code /run/flannel/subnet.env}, the file flanneld writes for the flannel CNI plugin:
 *
 * <pre>
 *   FLANNEL_NETWORK=11.0.0.0/8
 *   FLANNEL_SUBNET=11.10.16.1/20      (the lease's first host address, with the lease's length)
 *   FLANNEL_MTU=1450
 *   FLANNEL_IPMASQ=false
 * </pre>
 */
public final class SubnetEnv {
    /** flanneld's default {@code --subnet-file}. */
    public static final String DEFAULT_PATH = "/run/flannel/subnet.env";

    private SubnetEnv() {
    }

    /** The file's text. */
    public static String format(Cidr network, Cidr lease, int mtu, boolean ipMasq) {
        return "FLANNEL_NETWORK=" + network + "\n"
            + "FLANNEL_SUBNET=" + lease.address().plus(1) + "/" + lease.prefixLength() + "\n"
            + "FLANNEL_MTU=" + mtu + "\n"
            + "FLANNEL_IPMASQ=" + ipMasq + "\n";
    }

    /** Writes the file, as flanneld does once it holds a lease. */
    public static void write(FileTree files, String path, Cidr network, Cidr lease, int mtu, boolean ipMasq) {
        files.write(path, format(network, lease, mtu, ipMasq));
    }
}
