package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.NetNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad configurations get the spec's error codes and a message naming the file and the field,
 * and leave the node as it was.
 *
 * <pre>
 *   node1 (/etc/cni/net.d/10-mynet.conf)      c1 (ip netns add c1)
 * </pre>
 */
class ConfigErrorsTest {
    private static final String DIR = "/etc/cni/net.d";
    private final Node n = new Node();
    private final NetNamespace c1 = n.netns("c1");
    private final RuntimeConf rt = RuntimeConf.of("ctr1", "/var/run/netns/c1", "eth0");

    private static String bridgeConf(String version, String ipam) {
        return "{\"cniVersion\": \"" + version + "\", \"name\": \"mynet\", \"type\": \"bridge\", \"isGateway\": true, "
            + "\"ipam\": " + ipam + "}";
    }

    private CniError addFails(String file, String content) throws CniError {
        n.file(file, content);
        NetworkConfigList list = NetworkConfigs.load(n.host.files(), file);
        String hostBefore = n.out("ip addr") + n.out("ip route");
        String contBefore = n.out(c1, "ip addr") + n.out(c1, "ip route");
        try {
            n.cni.addNetworkList(list, n.host, rt);
        } catch (CniError e) {
            assertThat(n.out("ip addr") + n.out("ip route")).as("host after the failed ADD").isEqualTo(hostBefore);
            assertThat(n.out(c1, "ip addr") + n.out(c1, "ip route")).as("container after the failed ADD")
                .isEqualTo(contBefore);
            assertThat(n.host.files().exists("/var/lib/cni/networks/mynet/10.22.0.2")).isFalse();
            assertThat(n.host.files().exists(Cni.cachePath(list, rt))).isFalse();
            return e;
        }
        throw new AssertionError("ADD of " + file + " succeeded");
    }

    @Test
    void unknownPluginTypeIsLibcnisPluginNotFound() throws CniError {
        CniError e = addFails(DIR + "/10-mynet.conflist", """
            {"cniVersion": "1.0.0", "name": "mynet", "plugins": [
              {"type": "bridge", "ipam": {"type": "host-local", "subnet": "10.22.0.0/16"}},
              {"type": "frobnicate"}]}""");
        assertThat(e.code()).isEqualTo(CniError.LIBCNI);
        assertThat(e.getMessage()).isEqualTo(
            "plugin type=\"frobnicate\" failed (add): failed to find plugin \"frobnicate\" in path [/opt/cni/bin]");
        assertThat(new Cni(PluginRegistry.defaults(), List.of("/opt/cni/bin", "/usr/libexec/cni")).version("bridge")
            .toString()).isEqualTo("{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\"]}");
        assertThatThrownBy(() -> new Cni(PluginRegistry.defaults(), List.of("/opt/cni/bin", "/usr/libexec/cni"))
            .version("macvlan")).hasMessage("failed to find plugin \"macvlan\" in path [/opt/cni/bin /usr/libexec/cni]");
    }

    @Test
    void unknownIpamTypeFailsAfterTheBridgeWasMadeAndRollsItBack() throws CniError {
        CniError e = addFails(DIR + "/10-mynet.conf", bridgeConf("1.0.0", "{\"type\": \"dhcp\"}"));
        assertThat(e.getMessage()).isEqualTo(
            "plugin type=\"bridge\" name=\"mynet\" failed (add): failed to find plugin \"dhcp\" in path [/opt/cni/bin]");
        assertThat(n.host.device("cni0")).as("the bridge made for this ADD is gone").isNull();
    }

    @Test
    void invalidCidrNamesTheField() throws CniError {
        CniError e = addFails(DIR + "/10-mynet.conf", bridgeConf("1.0.0",
            "{\"type\": \"host-local\", \"ranges\": [[{\"subnet\": \"10.22.0.0/16\"}], [{\"subnet\": \"10.23.0.0/33\"}]]}"));
        assertThat(e.code()).isEqualTo(CniError.INVALID_CONFIG);
        assertThat(e.msg()).isEqualTo(
            "/etc/cni/net.d/10-mynet.conf: field \"ipam.ranges[1][0].subnet\": invalid CIDR address: 10.23.0.0/33");
        assertThat(e.getMessage()).as("a .conf names its network in every plugin, so libcni shows it")
            .isEqualTo("plugin type=\"bridge\" name=\"mynet\" failed (add): " + e.msg());
        assertThat(Json.pretty(e.toJson("1.0.0"))).isEqualTo("""
            {
                "cniVersion": "1.0.0",
                "code": 7,
                "msg": "/etc/cni/net.d/10-mynet.conf: field \\"ipam.ranges[1][0].subnet\\": invalid CIDR address: \
            10.23.0.0/33"
            }""");
    }

    @Test
    void subnetsThatCannotHandOutAddresses() throws CniError {
        assertThat(addFails(DIR + "/10-mynet.conf", bridgeConf("1.0.0",
            "{\"type\": \"host-local\", \"subnet\": \"10.22.0.0/31\"}")).msg())
            .isEqualTo("/etc/cni/net.d/10-mynet.conf: field \"ipam.subnet\": Network 10.22.0.0/31 too small to allocate from");
        assertThat(addFails(DIR + "/10-mynet.conf", bridgeConf("1.0.0",
            "{\"type\": \"host-local\", \"subnet\": \"10.22.0.5/24\"}")).msg())
            .isEqualTo("/etc/cni/net.d/10-mynet.conf: field \"ipam.subnet\": Network has host bits set. "
                + "For a subnet mask of length 24 the network address is 10.22.0.0");
        assertThat(addFails(DIR + "/10-mynet.conf", bridgeConf("1.0.0",
            "{\"type\": \"host-local\", \"subnet\": \"10.22.0.0/24\", \"rangeStart\": \"10.22.1.5\"}")).msg())
            .isEqualTo("/etc/cni/net.d/10-mynet.conf: field \"ipam.rangeStart\": RangeStart 10.22.1.5 not in network "
                + "10.22.0.0/24");
    }

    @Test
    void missingFieldsAreNamed() throws CniError {
        CniError e = addFails(DIR + "/10-mynet.conf", bridgeConf("1.0.0", "{\"type\": \"host-local\"}"));
        assertThat(e.code()).isEqualTo(CniError.INVALID_CONFIG);
        assertThat(e.msg()).isEqualTo("/etc/cni/net.d/10-mynet.conf: field \"ipam.ranges\": no IP ranges specified "
            + "(give \"ranges\" or \"subnet\")");

        n.file(DIR + "/20-x.conflist", "{\"cniVersion\": \"1.0.0\", \"name\": \"x\", \"plugins\": [{\"type\": \"loopback\"}, "
            + "{\"mtu\": 1400}]}");
        assertThatThrownBy(() -> NetworkConfigs.load(n.host.files(), DIR + "/20-x.conflist"))
            .isInstanceOfSatisfying(CniError.class, x -> assertThat(x.code()).isEqualTo(7))
            .hasMessage("/etc/cni/net.d/20-x.conflist: field \"plugins[1].type\": missing 'type'");
        n.file(DIR + "/30-y.conf", "{\"cniVersion\": \"1.0.0\", \"type\": \"bridge\"}");
        assertThatThrownBy(() -> NetworkConfigs.load(n.host.files(), DIR + "/30-y.conf"))
            .hasMessage("/etc/cni/net.d/30-y.conf: field \"name\": missing 'name'");
        n.file(DIR + "/40-z.conflist", "{\"cniVersion\": \"1.0.0\", \"name\": \"z\", \"plugins\": []}");
        assertThatThrownBy(() -> NetworkConfigs.load(n.host.files(), DIR + "/40-z.conflist"))
            .hasMessage("/etc/cni/net.d/40-z.conflist: field \"plugins\": no plugins in list");
    }

    @Test
    void unsupportedCniVersionIsCodeOne() throws CniError {
        CniError e = addFails(DIR + "/10-mynet.conf", bridgeConf("0.5.0", "{\"type\": \"host-local\", \"subnet\": "
            + "\"10.22.0.0/16\"}"));
        assertThat(e.code()).isEqualTo(CniError.INCOMPATIBLE_VERSION);
        assertThat(e.msg()).isEqualTo("incompatible CNI versions");
        assertThat(e.details()).isEqualTo("/etc/cni/net.d/10-mynet.conf: field \"cniVersion\": config is \"0.5.0\", "
            + "plugin supports [\"0.3.0\" \"0.3.1\" \"0.4.0\" \"1.0.0\"]");
        assertThat(e.toJson("0.5.0").toString()).isEqualTo("{\"cniVersion\":\"0.5.0\",\"code\":1,\"msg\":\"incompatible "
            + "CNI versions\",\"details\":\"" + e.details().replace("\"", "\\\"") + "\"}");
    }

    @Test
    void otherCodes() throws CniError {
        n.file(DIR + "/10-bad.conf", "{\"cniVersion\": \"1.0.0\", \"name\": \"mynet\", \"type\": ");
        assertThatThrownBy(() -> NetworkConfigs.load(n.host.files(), DIR + "/10-bad.conf"))
            .isInstanceOfSatisfying(CniError.class, x -> assertThat(x.code()).isEqualTo(CniError.DECODE_FAILURE))
            .hasMessageStartingWith("/etc/cni/net.d/10-bad.conf: error parsing configuration: ");

        CniError vlan = addFails(DIR + "/10-mynet.conf", "{\"cniVersion\": \"1.0.0\", \"name\": \"mynet\", \"type\": "
            + "\"bridge\", \"vlan\": 100}");
        assertThat(vlan.code()).isEqualTo(CniError.UNSUPPORTED_FIELD);
        assertThat(vlan.msg()).isEqualTo("/etc/cni/net.d/10-mynet.conf: unsupported field \"vlan\": 100");

        NetworkConfigList list = NetworkConfigs.load(n.host.files(), DIR + "/10-mynet.conf");
        CniError env = org.junit.jupiter.api.Assertions.assertThrows(CniError.class,
            () -> n.cni.addNetworkList(list, n.host, RuntimeConf.of("", "", "eth0")));
        assertThat(env.code()).isEqualTo(CniError.INVALID_ENV);
        assertThat(env.msg()).isEqualTo("required env variables [CNI_CONTAINERID CNI_NETNS] missing");

        n.file(DIR + "/10-mynet.conf", bridgeConf("1.0.0", "{\"type\": \"host-local\", \"subnet\": \"10.22.0.0/16\"}"));
        NetworkConfigList ok = NetworkConfigs.load(n.host.files(), DIR + "/10-mynet.conf");
        CniError gone = org.junit.jupiter.api.Assertions.assertThrows(CniError.class,
            () -> n.cni.addNetworkList(ok, n.host, RuntimeConf.of("ctr9", "/var/run/netns/c9", "eth0")));
        assertThat(gone.code()).isEqualTo(CniError.CONTAINER_UNKNOWN);
        assertThat(gone.getMessage()).isEqualTo("plugin type=\"bridge\" name=\"mynet\" failed (add): failed to open netns "
            + "\"/var/run/netns/c9\": no such file or directory");
        assertThat(n.host.device("cni0")).isNull();

        n.file(DIR + "/10-flannel.conflist", "{\"cniVersion\": \"0.3.1\", \"name\": \"cbr0\", \"plugins\": "
            + "[{\"type\": \"flannel\"}]}");
        CniError later = org.junit.jupiter.api.Assertions.assertThrows(CniError.class, () -> n.cni.addNetworkList(
            NetworkConfigs.load(n.host.files(), DIR + "/10-flannel.conflist"), n.host, rt));
        assertThat(later.code()).isEqualTo(CniError.TRY_AGAIN_LATER);
        assertThat(later.getMessage()).isEqualTo("plugin type=\"flannel\" failed (add): open /run/flannel/subnet.env: "
            + "no such file or directory");
    }

    @Test
    void kubeletTakesTheFirstFileInLexicalOrderAndLibcniFindsByName() throws CniError {
        n.file(DIR + "/20-b.conflist", "{\"cniVersion\": \"1.0.0\", \"name\": \"b\", \"plugins\": [{\"type\": \"loopback\"}]}");
        n.file(DIR + "/10-a.conf", "{\"cniVersion\": \"0.4.0\", \"name\": \"a\", \"type\": \"loopback\"}");
        n.file(DIR + "/05-notes.txt", "not a config");
        n.file(DIR + "/99-c.json", "{\"cniVersion\": \"1.0.0\", \"name\": \"c\", \"type\": \"loopback\"}");
        n.host.files().mkdirs(DIR + "/00-dir.conf");
        NetworkConfigList first = NetworkConfigs.loadDefault(n.host.files(), DIR);
        assertThat(first.name()).isEqualTo("a");
        assertThat(first.file()).isEqualTo("/etc/cni/net.d/10-a.conf");
        assertThat(first.cniVersion()).isEqualTo("0.4.0");
        assertThat(first.types()).containsExactly("loopback");
        assertThat(NetworkConfigs.loadByName(n.host.files(), DIR, "b").file()).isEqualTo("/etc/cni/net.d/20-b.conflist");
        assertThat(NetworkConfigs.loadByName(n.host.files(), DIR, "c").file()).isEqualTo("/etc/cni/net.d/99-c.json");
        assertThatThrownBy(() -> NetworkConfigs.loadByName(n.host.files(), DIR, "d"))
            .hasMessage("no net configuration with name \"d\" in /etc/cni/net.d");
        assertThatThrownBy(() -> NetworkConfigs.loadByName(n.host.files(), "/etc/empty", "d"))
            .hasMessage("no net configurations found in /etc/empty");
        assertThatThrownBy(() -> NetworkConfigs.loadDefault(n.host.files(), "/etc/empty"))
            .hasMessage("no networks found in /etc/empty");
    }
}
