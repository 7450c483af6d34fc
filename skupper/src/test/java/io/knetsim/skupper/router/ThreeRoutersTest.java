package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.skupper.routing.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: three routers. A client on A reaches a service on C through B; with a second, dearer
 * A–C link the traffic takes the cheaper way through B, moves to the direct link when the
 * A–B cable fails (noticed when hellos stop for helloMaxAgeSeconds) and comes back when the
 * cable is repaired.
 *
 * <pre>
 *            10.0.1.0/24            10.0.2.0/24
 *   hA [A] ─────────────── hB [B] ─────────────── hC [C]  tcpConnector svc1 → :8080 "hello from C"
 *   :1028 svc1  cost 1              cost 1          │
 *     └──────────────── 10.0.3.0/24, cost 5 ────────┘
 * </pre>
 */
class ThreeRoutersTest {
    static String a(boolean direct) {
        return """
            [
              ["router", {"id": "A", "mode": "interior", "helloMaxAgeSeconds": "3"}],
              ["connector", {"name": "to-B", "role": "inter-router", "host": "10.0.1.2", "port": 55671, "cost": 1}],
            """ + (direct ? """
              ["connector", {"name": "to-C", "role": "inter-router", "host": "10.0.3.2", "port": 55671, "cost": 5}],
            """ : "") + """
              ["tcpListener", {"name": "svc1", "port": 1028, "address": "svc1"}]
            ]
            """;
    }

    static final String B = """
        [
          ["router", {"id": "B", "mode": "interior"}],
          ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
          ["connector", {"name": "to-C", "role": "inter-router", "host": "10.0.2.2", "port": 55671}]
        ]
        """;
    static final String C = """
        [
          ["router", {"id": "C", "mode": "interior"}],
          ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
          ["tcpConnector", {"name": "svc1", "host": "127.0.0.1", "port": 8080, "address": "svc1"}]
        ]
        """;

    private final RouterLab lab = new RouterLab(5);

    ThreeRoutersTest() {
        lab.cable("hA", "eth0", "10.0.1.1/24", "hB", "eth0", "10.0.1.2/24");
        lab.cable("hB", "eth1", "10.0.2.1/24", "hC", "eth0", "10.0.2.2/24");
        lab.cable("hA", "eth1", "10.0.3.1/24", "hC", "eth1", "10.0.3.2/24");
        lab.web("hC", 8080, "hello from C");
    }

    @Test
    void aClientOnAReachesTheServiceOnCThroughB() {
        SkupperRouter a = lab.router("hA", a(false));
        SkupperRouter b = lab.router("hB", B);
        SkupperRouter c = lab.router("hC", C);
        lab.runSeconds(5);
        assertThat(a.routeTable().route("C")).contains(new Route("C", "B", 2, List.of("A", "B", "C")));
        assertThat(a.addressTable().consumers("svc1")).containsExactly("C");
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("hello from C\n");
        assertThat(lab.curl("hA", "localhost:1028/again")).isEqualTo("hello from C\n");
        lab.runSeconds(1);
        assertThat(b.addresses()).containsExactly(new AddressInfo("svc1", 0, 1, 0, 0, 2));
        assertThat(c.addresses()).containsExactly(new AddressInfo("svc1", 1, 0, 0, 2, 0));
        assertThat(a.activeStreams() + b.activeStreams() + c.activeStreams()).isZero();
    }

    @Test
    void theCheaperPathCarriesTrafficFailsOverWhenItBreaksAndComesBack() {
        SkupperRouter a = lab.router("hA", a(true));
        SkupperRouter b = lab.router("hB", B);
        SkupperRouter c = lab.router("hC", C);
        lab.runSeconds(5);
        assertThat(a.routeTable().route("C").orElseThrow().path()).containsExactly("A", "B", "C");
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("hello from C\n");
        assertThat(b.addresses().get(0).thru()).isEqualTo(1);

        lab.nics.get("hA/eth0").setUp(false); // the A-B cable fails: no FIN, no RST, hellos stop
        lab.runSeconds(2);
        assertThat(a.routeTable().route("C").orElseThrow().path()).as("within helloMaxAge").containsExactly("A", "B",
            "C");
        lab.runSeconds(3);
        assertThat(a.routeTable().route("C")).contains(new Route("C", "C", 5, List.of("A", "C")));
        assertThat(a.routeTable().route("B")).contains(new Route("B", "C", 6, List.of("A", "C", "B")));
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("hello from C\n");
        assertThat(b.addresses().get(0).thru()).as("B carried nothing more").isEqualTo(1);
        assertThat(c.addresses().get(0).out()).isEqualTo(2);

        lab.nics.get("hA/eth0").setUp(true); // repaired: hellos flow again, the cheap path is back
        lab.runSeconds(15);
        assertThat(a.routeTable().route("C").orElseThrow().path()).containsExactly("A", "B", "C");
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("hello from C\n");
        assertThat(b.addresses().get(0).thru()).isEqualTo(2);
    }

    @Test
    void aStoppedRouterIsRoutedAroundAndItsConnectorsRetryWhenItReturns() {
        SkupperRouter a = lab.router("hA", a(true));
        SkupperRouter b = lab.router("hB", B);
        lab.router("hC", C);
        lab.runSeconds(5);
        b.stop(); // the process dies: its connections are reset
        lab.runSeconds(1);
        assertThat(a.routeTable().route("C").orElseThrow().path()).containsExactly("A", "C");
        assertThat(a.routeTable().reaches("B")).isFalse();
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("hello from C\n");

        SkupperRouter b2 = lab.router("hB", B); // restarted; A's connector to B retries with back-off
        lab.runSeconds(20);
        assertThat(a.neighbours()).containsOnlyKeys("B", "C");
        assertThat(a.routeTable().route("C").orElseThrow().path()).containsExactly("A", "B", "C");
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("hello from C\n");
        assertThat(b2.addresses().get(0).thru()).isEqualTo(1);
    }
}
