package io.knetsim.skupper.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Route tables for small router networks, against hand-computed shortest paths. Ties between
 * equal-cost paths are broken as skupper-router does: a router's predecessor on the path is
 * the candidate with the least cost from the root, then the lowest id.
 */
class RouterGraphTest {

    /** A ─1─ B ─1─ C. */
    @Test
    void lineOfThree() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).link("B", "C", 1);

        RouteTable a = g.compute("A");
        assertThat(a.routes().values()).containsExactly(
            new Route("B", "B", 1, List.of("A", "B")),
            new Route("C", "B", 2, List.of("A", "B", "C")));
        assertThat(a.cost("A")).isEqualTo(OptionalLong.of(0));
        assertThat(a.nextHop("C")).contains("B");
        assertThat(a.route("A")).isEmpty();

        RouteTable c = g.compute("C");
        assertThat(c.route("A")).contains(new Route("A", "B", 2, List.of("C", "B", "A")));
        assertThat(g.compute("B").routes().values()).containsExactly(
            new Route("A", "A", 1, List.of("B", "A")),
            new Route("C", "C", 1, List.of("B", "C")));
    }

    /**
     * <pre>
     *   A ─1─ B ─1─ C,  A ─3─ C:   A reaches C through B (2 &lt; 3)
     *   A ─2─ C instead:           a tie (2 = 2); C's predecessor is A (cost 0) rather than B
     *                              (cost 1), so A goes straight to C, and C straight to A
     * </pre>
     */
    @Test
    void triangle() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).link("B", "C", 1).link("A", "C", 3);
        assertThat(g.compute("A").route("C")).contains(new Route("C", "B", 2, List.of("A", "B", "C")));

        g.link("A", "C", 2);
        assertThat(g.cost("A", "C")).isEqualTo(OptionalInt.of(2));
        assertThat(g.compute("A").route("C")).contains(new Route("C", "C", 2, List.of("A", "C")));
        assertThat(g.compute("C").route("A")).contains(new Route("A", "A", 2, List.of("C", "A")));
        assertThat(g.compute("B").route("A")).contains(new Route("A", "A", 1, List.of("B", "A")));

        g.link("A", "C", 1);
        assertThat(g.compute("A").routes().values()).containsExactly(
            new Route("B", "B", 1, List.of("A", "B")),
            new Route("C", "C", 1, List.of("A", "C")));
    }

    /**
     * <pre>
     *   A ──1── B
     *   │       │
     *   2       4
     *   │       │
     *   D ──1── C
     * </pre>
     * From A: B 1 via B; D 2 via D; C 3 via D (not 5 via B). From B: C costs 4 both ways
     * (straight, or B-A-D-C); C's candidate predecessors are B (cost 0) and D (cost 3), so B
     * goes straight to C.
     */
    @Test
    void squareWithUnequalCosts() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).link("B", "C", 4).link("C", "D", 1).link("D", "A", 2);

        assertThat(g.compute("A").routes().values()).containsExactly(
            new Route("B", "B", 1, List.of("A", "B")),
            new Route("C", "D", 3, List.of("A", "D", "C")),
            new Route("D", "D", 2, List.of("A", "D")));
        assertThat(g.compute("B").routes().values()).containsExactly(
            new Route("A", "A", 1, List.of("B", "A")),
            new Route("C", "C", 4, List.of("B", "C")),
            new Route("D", "A", 3, List.of("B", "A", "D")));
        assertThat(g.compute("C").routes().values()).containsExactly(
            new Route("A", "D", 3, List.of("C", "D", "A")),
            new Route("B", "B", 4, List.of("C", "B")),
            new Route("D", "D", 1, List.of("C", "D")));
    }

    /**
     * <pre>
     *     ┌─1─ B ─1─┐
     *   A           D      equal costs everywhere: D's candidate predecessors B and C both cost 1
     *     └─1─ C ─1─┘      from A, so the lower id, B, wins; the same from D's side towards A
     * </pre>
     */
    @Test
    void diamondTieGoesToTheLowerId() {
        RouterGraph g = new RouterGraph().link("A", "C", 1).link("A", "B", 1).link("C", "D", 1).link("B", "D", 1);

        assertThat(g.compute("A").route("D")).contains(new Route("D", "B", 2, List.of("A", "B", "D")));
        assertThat(g.compute("D").route("A")).contains(new Route("A", "B", 2, List.of("D", "B", "A")));
        assertThat(g.compute("C").route("B")).contains(new Route("B", "A", 2, List.of("C", "A", "B")));
    }

    /** A ─1─ B ─1─ C and A ─5─ C: when A-B goes, A reaches C directly and B through C. */
    @Test
    void linkRemovedRoutesRecomputed() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).link("B", "C", 1).link("A", "C", 5);
        assertThat(g.compute("A").route("C")).contains(new Route("C", "B", 2, List.of("A", "B", "C")));

        assertThat(g.unlink("A", "B")).isTrue();
        assertThat(g.unlink("A", "B")).isFalse();

        assertThat(g.compute("A").routes().values()).containsExactly(
            new Route("B", "C", 6, List.of("A", "C", "B")),
            new Route("C", "C", 5, List.of("A", "C")));
    }

    /** A ─1─ B   C ─1─ D: the other island has no routes; a lone router has an empty table. */
    @Test
    void unreachableRoutersAreAbsent() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).link("C", "D", 1).addRouter("E");

        RouteTable a = g.compute("A");
        assertThat(a.routes()).containsOnlyKeys("B");
        assertThat(a.reaches("C")).isFalse();
        assertThat(a.reaches("A")).isTrue();
        assertThat(a.cost("D")).isEmpty();
        assertThat(a.nextHop("E")).isEmpty();
        assertThat(g.compute("E").routes()).isEmpty();

        g.removeRouter("B");
        assertThat(g.compute("A").routes()).isEmpty();
        assertThat(g.routers()).containsExactly("A", "C", "D", "E");
    }

    /** Each end configures a cost; the link costs the larger (skupper-router's rule). */
    @Test
    void linkCostIsTheLargerOfTheTwoEnds() {
        assertThat(InterRouterCost.of(1, 1)).isEqualTo(1);
        assertThat(InterRouterCost.of(3, 2)).isEqualTo(3);
        assertThat(InterRouterCost.of(2, 7)).isEqualTo(7);
        assertThatThrownBy(() -> InterRouterCost.of(0, 1))
            .hasMessage("inter-router costs are at least 1: 0, 1");

        RouterGraph g = new RouterGraph().link("C1", 1, "C0", 4);
        assertThat(g.cost("C0", "C1")).isEqualTo(OptionalInt.of(4));
        assertThat(g.neighbours("C1")).isEqualTo(Map.of("C0", 4));
        assertThat(g.compute("C1").cost("C0")).isEqualTo(OptionalLong.of(4));
    }

    @Test
    void badLinksAndUnknownRoutersAreRefused() {
        RouterGraph g = new RouterGraph().link("A", "B", 1);

        assertThatThrownBy(() -> g.link("A", "A", 1)).hasMessage("a router cannot link to itself: A");
        assertThatThrownBy(() -> g.link("A", "C", 0)).hasMessage("link A-C: cost must be at least 1, got 0");
        assertThatThrownBy(() -> g.compute("Z")).hasMessage("router Z is not in the graph");
        assertThat(g.routers()).containsExactly("A", "B");
    }

    @Test
    void tableReadsLikeAListing() {
        RouterGraph g = new RouterGraph().link("A", "B", 1).link("B", "C", 2);

        assertThat(g.compute("A")).hasToString("routes of A:\n  B via B cost 1 [A, B]\n  C via B cost 3 [A, B, C]");
    }
}
