package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Lab: two tcpConnectors for one address, on B and on C. A's client connections go to the
 * closest one; at equal cost they alternate; when the closest goes away they all go to the
 * other.
 *
 * <pre>
 *   hB [B] svc1 → :8080 "from B" ── cost 1 ── hA [A] :1028 svc1 ── cost N ── hC [C] svc1 → :8080 "from C"
 * </pre>
 */
class ClosestConsumerTest {
    static String a(int costC) {
        return """
            [
              ["router", {"id": "A", "mode": "interior"}],
              ["connector", {"name": "to-B", "role": "inter-router", "host": "10.0.1.2", "port": 55671, "cost": 1}],
              ["connector", {"name": "to-C", "role": "inter-router", "host": "10.0.3.2", "port": 55671, "cost": %d}],
              ["tcpListener", {"name": "svc1", "port": 1028, "address": "svc1"}]
            ]
            """.formatted(costC);
    }

    static String site(String id) {
        return """
            [
              ["router", {"id": "%s", "mode": "interior"}],
              ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
              ["tcpConnector", {"name": "svc1", "host": "127.0.0.1", "port": 8080, "address": "svc1"}]
            ]
            """.formatted(id);
    }

    private final RouterLab lab = new RouterLab(9);

    ClosestConsumerTest() {
        lab.cable("hA", "eth0", "10.0.1.1/24", "hB", "eth0", "10.0.1.2/24");
        lab.cable("hA", "eth1", "10.0.3.1/24", "hC", "eth0", "10.0.3.2/24");
        lab.web("hB", 8080, "from B");
        lab.web("hC", 8080, "from C");
    }

    @Test
    void theCloserConnectorTakesEveryConnectionUntilItGoes() {
        SkupperRouter a = lab.router("hA", a(3));
        SkupperRouter b = lab.router("hB", site("B"));
        lab.router("hC", site("C"));
        lab.runSeconds(5);
        assertThat(a.addressTable().consumers("svc1")).containsExactly("B", "C");
        for (int i = 0; i < 4; i++) {
            assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("from B\n");
        }
        b.stop();
        lab.runSeconds(1);
        assertThat(a.addressTable().consumers("svc1")).containsExactly("C");
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("from C\n");
    }

    @Test
    void equalCostsShareConnectionsInTurn() {
        lab.router("hA", a(1));
        lab.router("hB", site("B"));
        lab.router("hC", site("C"));
        lab.runSeconds(5);
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            got.append(lab.curl("hA", "localhost:1028/"));
        }
        assertThat(got.toString()).isEqualTo("from B\nfrom C\nfrom B\nfrom C\n");
    }

    @Test
    void aLocalConnectorIsClosestOfAll() {
        lab.web("hA", 8080, "from A");
        String withLocal = a(1).replace("[\"tcpListener\"", """
            ["tcpConnector", {"name": "svc1", "host": "127.0.0.1", "port": 8080, "address": "svc1"}],
              ["tcpListener\"""");
        SkupperRouter a = lab.router("hA", withLocal);
        lab.router("hB", site("B"));
        lab.runSeconds(5);
        assertThat(a.addressTable().consumers("svc1")).containsExactly("A", "B");
        assertThat(lab.curl("hA", "localhost:1028/")).isEqualTo("from A\n");
        assertThat(lab.curl("hB", "10.0.1.1:1028/")).isEqualTo("from A\n");
        lab.runSeconds(1);
        assertThat(a.activeStreams()).isZero();
    }
}
