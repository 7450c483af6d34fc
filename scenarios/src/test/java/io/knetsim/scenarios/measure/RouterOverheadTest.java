package io.knetsim.scenarios.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.scenarios.measure.RouterOverhead.Result;
import io.knetsim.scenarios.measure.RouterOverhead.Way;
import io.knetsim.sim.SimTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The router network's overhead, measured in simulated time (exact for a seed): the same
 * request and the same 1 MiB transfer, pod to pod in C0 and from a pod of C1 through both routers.
 *
 * <pre>
 *   direct: C0 client ─VXLAN─▶ web :80 / sink :5001 (C0w2)
 *   routed: C1 client ─▶ C1w1:1028/1029 [C1] ══55671══ [C0] ─VXLAN─▶ web / sink
 * </pre>
 */
class RouterOverheadTest {
    private static final int MIB = 1 << 20;

    @Test
    void theRoutedRequestTakesTwiceTheDirectOneAndBothCarryTheWholeTransfer() {
        RouterOverhead o = RouterOverhead.build(1);
        Result direct = o.measure(Way.DIRECT, MIB);
        Result routed = o.measure(Way.ROUTED, MIB);
        // a request direct: handshake, request, answer and close over one VXLAN path
        assertThat(direct.requestNanos()).isEqualTo(SimTime.us(600));
        // routed: the client's handshake ends at C1w1, then C1 opens a stream to C0, which connects
        // to nginx; the answer comes back the same way
        assertThat(routed.requestNanos()).isEqualTo(SimTime.us(1200));
        assertThat(direct.bulkNanos()).isEqualTo(SimTime.us(1500));
        assertThat(routed.bulkNanos()).isEqualTo(SimTime.us(1900));
        assertThat(routed.bulkMbitPerSecond()).isLessThan(direct.bulkMbitPerSecond());
        // the routers carried the bytes: one delivery each way per exchange through C1
        assertThat(o.routers().router("C1").addresses()).extracting(a -> a.address() + " in " + a.in())
            .containsExactly("sink in 1", "web in 1");
    }

    @Test
    void theReportPrintsBothPathsAndTheRatios() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RouterOverhead.report(RouterOverhead.build(1), MIB, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
            path     request (ms)  bulk 1048576 B (ms)  throughput (Mbit/s)
            direct          0.600             1.500               5592.4
            routed          1.200             1.900               4415.1
            routed/direct: request time x2.00, throughput x0.79
            drops {}
            """);
    }
}
