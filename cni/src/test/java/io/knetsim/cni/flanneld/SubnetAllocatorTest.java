package io.knetsim.cni.flanneld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Cidr;
import io.knetsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How flannel chooses a worker's subnet: one of the first 100 free ones, at random. */
class SubnetAllocatorTest {
    @Test
    void candidatesAreTheFirstHundredFreeSubnetsFromSubnetMin() throws Exception {
        FlannelConfig c = FlannelConfig.parse(FlannelConfigTest.DEFAULT_WORLD);
        List<Cidr> bag = SubnetAllocator.candidates(c, List.of(Cidr.parse("11.10.16.0/20")));
        assertThat(bag).hasSize(100);
        assertThat(bag.get(0)).isEqualTo(Cidr.parse("11.10.0.0/20"));
        assertThat(bag.get(1)).isEqualTo(Cidr.parse("11.10.32.0/20"));
        assertThat(bag).allMatch(sn -> sn.prefixLength() == 20);
    }

    @Test
    void aSeedFixesTheChoiceAndLeasesNeverOverlap() throws Exception {
        FlannelConfig c = FlannelConfig.parse(FlannelConfigTest.DEFAULT_WORLD);
        List<Cidr> taken = new ArrayList<>();
        SimRandom r = SimRandom.derive(1, "flannel");
        for (int i = 0; i < 6; i++) {
            taken.add(SubnetAllocator.allocate(c, taken, r));
        }
        List<Cidr> again = new ArrayList<>();
        SimRandom r2 = SimRandom.derive(1, "flannel");
        for (int i = 0; i < 6; i++) {
            again.add(SubnetAllocator.allocate(c, again, r2));
        }
        assertThat(again).isEqualTo(taken);
        assertThat(taken).doesNotHaveDuplicates()
            .allMatch(sn -> sn.address().compareTo(c.subnetMin()) >= 0 && sn.address().compareTo(c.subnetMax()) <= 0);
    }

    @Test
    void aFullNetworkIsOutOfSubnets() throws Exception {
        FlannelConfig c = FlannelConfig.parse("{\"Network\":\"10.0.0.0/24\",\"SubnetLen\":26}");
        List<Cidr> taken = new ArrayList<>();
        SimRandom r = SimRandom.derive(1, "flannel");
        for (int i = 0; i < 3; i++) {
            taken.add(SubnetAllocator.allocate(c, taken, r));
        }
        assertThat(taken).containsExactlyInAnyOrder(Cidr.parse("10.0.0.64/26"), Cidr.parse("10.0.0.128/26"),
            Cidr.parse("10.0.0.192/26"));
        assertThatThrownBy(() -> SubnetAllocator.allocate(c, taken, r)).hasMessage("out of subnets");
    }
}
