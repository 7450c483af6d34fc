package io.knetsim.tool.coreutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/** {@code cat} and {@code ls} over a host's file view, as a learner inspects a worker. */
class CatLsTest {
    private final Shell sh = new Shell();
    private final NetNamespace node = new World(1).createNamespace("node");

    {
        node.files().write("/run/flannel/subnet.env", "FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_MTU=1450\n");
        node.files().write("/etc/cni/net.d/10-flannel.conflist", "{\"name\":\"cbr0\"}\n");
        node.files().mkdirs("/var/lib/cni/networks");
    }

    @Test
    void catPrintsFilesInOrder() {
        assertThat(sh.out(node, "cat /run/flannel/subnet.env /etc/cni/net.d/10-flannel.conflist"))
            .isEqualTo("FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_MTU=1450\n{\"name\":\"cbr0\"}\n");
    }

    @Test
    void catOfAMissingFileOrADirectoryFailsWithCoreutilsMessages() {
        sh.fails(node, "cat /run/flannel/nope", "cat: /run/flannel/nope: No such file or directory\n", 1);
        sh.fails(node, "cat /run/flannel", "cat: /run/flannel: Is a directory\n", 1);
    }

    @Test
    void lsListsOneNamePerLineAndHeadsEachDirectoryWhenGivenSeveral() {
        assertThat(sh.out(node, "ls /")).isEqualTo("etc\nrun\nvar\n");
        assertThat(sh.out(node, "ls /etc/cni/net.d/10-flannel.conflist /run /var/lib/cni"))
            .isEqualTo("/etc/cni/net.d/10-flannel.conflist\n\n/run:\nflannel\n\n/var/lib/cni:\nnetworks\n");
        assertThat(sh.out(node, "ls -l /run/flannel")).isEqualTo("-rw-r--r--       44 subnet.env\n");
    }

    @Test
    void lsOfAMissingPathExitsTwo() {
        sh.fails(node, "ls /nope", "ls: cannot access '/nope': No such file or directory\n", 2);
    }
}
