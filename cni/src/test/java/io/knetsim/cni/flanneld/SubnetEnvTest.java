package io.knetsim.cni.flanneld;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.fs.FileTree;
import org.junit.jupiter.api.Test;

class SubnetEnvTest {
    @Test
    void subnetEnvHasFlannelsFourLinesWithTheLeasesFirstAddress() {
        FileTree fs = new FileTree();
        SubnetEnv.write(fs, SubnetEnv.DEFAULT_PATH, Cidr.parse("11.0.0.0/8"), Cidr.parse("11.10.16.0/20"), 1450, false);
        assertThat(fs.readString("/run/flannel/subnet.env")).isEqualTo("""
            FLANNEL_NETWORK=11.0.0.0/8
            FLANNEL_SUBNET=11.10.16.1/20
            FLANNEL_MTU=1450
            FLANNEL_IPMASQ=false
            """);
    }

    @Test
    void leaseAttrsRoundTripThroughFlannelsJson() {
        LeaseAttrs a = LeaseAttrs.parse("{\"PublicIP\":\"10.0.0.3\",\"PublicIPv6\":null,\"BackendType\":\"vxlan\","
            + "\"BackendData\":{\"VNI\":100,\"VtepMAC\":\"0a:58:0a:00:00:03\"}}");
        assertThat(a.publicIp().toString()).isEqualTo("10.0.0.3");
        assertThat(a.backendType()).isEqualTo("vxlan");
        assertThat(a.toJson()).isEqualTo("{\"PublicIP\":\"10.0.0.3\",\"PublicIPv6\":null,\"BackendType\":\"vxlan\","
            + "\"BackendData\":{\"VNI\":100,\"VtepMAC\":\"0a:58:0a:00:00:03\"}}");
        assertThat(Lease.keyOf(Cidr.parse("11.10.16.0/20"))).isEqualTo("11.10.16.0-20");
        assertThat(Lease.parseKey("11.10.16.0-20")).isEqualTo(Cidr.parse("11.10.16.0/20"));
        assertThat(Lease.parseKey("junk")).isNull();
    }
}
