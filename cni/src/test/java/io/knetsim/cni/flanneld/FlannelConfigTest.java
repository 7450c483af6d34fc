package io.knetsim.cni.flanneld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import org.junit.jupiter.api.Test;

/** The network configuration flanneld reads from {@code /coreos.com/network/config}. */
class FlannelConfigTest {
    static final String DEFAULT_WORLD = "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"SubnetMin\":\"11.10.0.0\","
        + "\"SubnetMax\":\"11.99.0.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":100,\"Port\":8472}}";

    @Test
    void theDefaultWorldsConfigReadsAsWritten() throws Exception {
        FlannelConfig c = FlannelConfig.parse(DEFAULT_WORLD);
        assertThat(c.network()).isEqualTo(Cidr.parse("11.0.0.0/8"));
        assertThat(c.subnetLen()).isEqualTo(20);
        assertThat(c.subnetMin()).isEqualTo(Ipv4Address.parse("11.10.0.0"));
        assertThat(c.subnetMax()).isEqualTo(Ipv4Address.parse("11.99.0.0"));
        assertThat(c.backendType()).isEqualTo("vxlan");
        assertThat(c.backendInt("VNI", 1)).isEqualTo(100);
    }

    @Test
    void absentFieldsTakeFlannelsDefaults() throws Exception {
        FlannelConfig big = FlannelConfig.parse("{\"Network\":\"10.244.0.0/16\"}");
        assertThat(big.subnetLen()).isEqualTo(24);
        assertThat(big.subnetMin()).isEqualTo(Ipv4Address.parse("10.244.1.0"));
        assertThat(big.subnetMax()).isEqualTo(Ipv4Address.parse("10.244.255.0"));
        assertThat(big.backendType()).isEqualTo("udp");
        FlannelConfig small = FlannelConfig.parse("{\"Network\":\"192.168.0.0/24\",\"Backend\":{\"Type\":\"host-gw\"}}");
        assertThat(small.subnetLen()).isEqualTo(26);
        assertThat(small.subnetMin()).isEqualTo(Ipv4Address.parse("192.168.0.64"));
        assertThat(small.subnetMax()).isEqualTo(Ipv4Address.parse("192.168.0.192"));
    }

    @Test
    void badConfigurationsGetFlannelsMessages() {
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\":\"11.0.0.0/33\"}"))
            .hasMessage("error parsing network config: Network: invalid CIDR \"11.0.0.0/33\": expected an IPv4 CIDR "
                + "such as \"11.0.0.0/8\"");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"SubnetLen\":24}"))
            .hasMessageStartingWith("error parsing network config: Network: expected an IPv4 CIDR");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":31}"))
            .hasMessage("SubnetLen must be less than /31");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":9}"))
            .hasMessage("Network must be able to accommodate at least four subnets");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\":\"11.0.0.0/29\"}"))
            .hasMessage("Network is too small. Minimum useful network prefix is /28");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\":\"11.0.0.0/8\",\"SubnetMin\":\"12.0.0.0\"}"))
            .hasMessage("SubnetMin is not in the range of the Network");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,"
            + "\"SubnetMax\":\"11.99.1.0\"}")).hasMessage("SubnetMax is not on a SubnetLen boundary: 11.99.1.0");
        assertThatThrownBy(() -> FlannelConfig.parse("{\"Network\": ")).hasMessageStartingWith("error parsing network config:");
    }
}
