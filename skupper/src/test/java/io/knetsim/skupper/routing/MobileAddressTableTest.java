package io.knetsim.skupper.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Closest-consumer selection for a mobile address:
 *
 * <pre>
 *   A ──1── B
 *   │       │
 *   2       4          consumers of svc1 at C (cost 3 from A) and D (cost 2): A picks D
 *   │       │          consumers at B and D seen from C: B 4, D 1: C picks D
 *   D ──1── C          consumers at B (1) and E (1) from A, with A ─1─ E: a balanced choice
 * </pre>
 */
class MobileAddressTableTest {
    private final RouterGraph square =
        new RouterGraph().link("A", "B", 1).link("B", "C", 4).link("C", "D", 1).link("D", "A", 2);

    @Test
    void consumersAtDifferentCostsTheCheapestWins() {
        MobileAddressTable t = new MobileAddressTable();
        t.add("svc1", "C");
        t.add("svc1", "D");

        assertThat(t.closest("A", "svc1", square.compute("A"))).containsExactly("D");
        assertThat(t.closest("B", "svc1", square.compute("B"))).containsExactly("D");
        assertThat(t.closest("C", "svc1", square.compute("C"))).containsExactly("C");
        assertThat(t.pick("A", "svc1", square.compute("A"), new SimRandom(1))).contains("D");
        assertThat(t.consumers("svc1")).containsExactly("C", "D");
    }

    @Test
    void aLocalConsumerWinsAtCostZero() {
        MobileAddressTable t = new MobileAddressTable();
        t.add("svc1", "A");
        t.add("svc1", "B");

        assertThat(t.closest("A", "svc1", square.compute("A"))).containsExactly("A");
        assertThat(t.pickRoundRobin("A", "svc1", square.compute("A"), 5)).contains("A");
    }

    @Test
    void consumersAtEqualCostAreBalancedDeterministically() {
        square.link("A", "E", 1);
        RouteTable a = square.compute("A");
        MobileAddressTable t = new MobileAddressTable();
        t.add("svc1", "E");
        t.add("svc1", "B");
        t.add("svc1", "C");

        assertThat(t.closest("A", "svc1", a)).containsExactly("B", "E");
        assertThat(List.of(0, 1, 2, 3)).extracting(n -> t.pickRoundRobin("A", "svc1", a, n).orElseThrow())
            .containsExactly("B", "E", "B", "E");

        List<String> first = picks(t, a, 7);
        assertThat(picks(t, a, 7)).isEqualTo(first);
        assertThat(first).containsOnly("B", "E").contains("B", "E");
        SimRandom same = new SimRandom(7);
        assertThat(first.get(0)).isEqualTo(List.of("B", "E").get(same.nextInt(2)));
    }

    private static List<String> picks(MobileAddressTable t, RouteTable a, long seed) {
        SimRandom random = new SimRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(t.pick("A", "svc1", a, random).orElseThrow());
        }
        return out;
    }

    @Test
    void unreachableOrWithdrawnConsumersAreNotChosen() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).addRouter("Z");
        MobileAddressTable t = new MobileAddressTable();
        t.add("svc1", "Z");

        assertThat(t.closest("A", "svc1", g.compute("A"))).isEmpty();
        assertThat(t.pick("A", "svc1", g.compute("A"), new SimRandom(1))).isEmpty();
        assertThat(t.closest("A", "nobody", g.compute("A"))).isEmpty();

        t.add("svc1", "B");
        t.add("db", "B");
        assertThat(t.closest("A", "svc1", g.compute("A"))).containsExactly("B");
        t.removeRouter("B");
        assertThat(t.addresses()).containsExactly("svc1");
        assertThat(t.remove("svc1", "Z")).isTrue();
        assertThat(t.remove("svc1", "Z")).isFalse();
        assertThat(t.addresses()).isEmpty();
    }

    @Test
    void theTableMustBeTheAskingRoutersOwn() {
        MobileAddressTable t = new MobileAddressTable();
        assertThatThrownBy(() -> t.closest("B", "svc1", square.compute("A")))
            .hasMessage("route table of A used for B");
    }
}
