package io.knetsim.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The component client: calls, decoded answers, a long-poll watch, and failover when the
 * first etcd host is cut off.
 *
 * <pre>
 *   C0w1 10.1.0.3 (EtcdClient: http://10.1.0.1:2379, http://10.1.0.2:2379)
 *        |
 *   switch br0 --x-- C0e1 10.1.0.1  (cut off in the failover tests)
 *              ----- C0e2 10.1.0.2
 * </pre>
 */
class EtcdClientTest {
    private final EtcdWorld w = new EtcdWorld();
    private final EtcdClient client = EtcdClient.of(w.w1, "http://10.1.0.1:2379", "http://10.1.0.2:2379");

    private EtcdResponse await(List<EtcdResponse> got) {
        w.world.sim().runWhile(got::isEmpty);
        assertThat(got).hasSize(1);
        EtcdResponse r = got.get(0);
        got.clear();
        return r;
    }

    @Test
    void setGetCreateDeleteDecodeNodesAndErrors() {
        List<EtcdResponse> got = new ArrayList<>();
        client.set("/coreos.com/network/config", "{\"Network\":\"11.0.0.0/8\"}", EtcdSetOptions.NONE, got::add);
        EtcdResponse set = await(got);
        assertThat(set.event().action()).isEqualTo("set");
        assertThat(set.node()).isEqualTo(new KvNode("/coreos.com/network/config", "{\"Network\":\"11.0.0.0/8\"}", false,
            -1, 0, null, 1, 1));
        assertThat(set.etcdIndex()).isEqualTo(1);
        assertThat(set.endpoint().url()).isEqualTo("http://10.1.0.1:2379");

        client.create("/coreos.com/network/subnets/11.10.16.0-20", "{\"PublicIP\":\"10.0.0.3\"}", 86400L, got::add);
        EtcdResponse lease = await(got);
        assertThat(lease.node().ttl()).isEqualTo(86400);
        assertThat(lease.event().isCreated()).isTrue();
        client.create("/coreos.com/network/subnets/11.10.16.0-20", "x", null, got::add);
        EtcdResponse taken = await(got);
        assertThat(taken.ok()).isFalse();
        assertThat(taken.error().getMessage()).isEqualTo("105: Key already exists (/coreos.com/network/subnets/11.10.16.0-20) [2]");
        assertThat(taken.etcdIndex()).isEqualTo(2);

        client.get("/coreos.com/network", true, true, got::add);
        EtcdResponse list = await(got);
        assertThat(list.node().nodes()).extracting(KvNode::key)
            .containsExactly("/coreos.com/network/config", "/coreos.com/network/subnets");
        assertThat(list.node().nodes().get(1).nodes().get(0).value()).isEqualTo("{\"PublicIP\":\"10.0.0.3\"}");

        client.set("/coreos.com/network/config", "new", EtcdSetOptions.NONE.withPrevIndex(7), got::add);
        assertThat(await(got).error().errorCode()).isEqualTo(101);
        client.set("/coreos.com/network/config", "new", EtcdSetOptions.NONE.withPrevValue("{\"Network\":\"11.0.0.0/8\"}")
            .withPrevExist(true), got::add);
        assertThat(await(got).event().action()).isEqualTo("compareAndSwap");
        client.delete("/coreos.com", EtcdDeleteOptions.NONE.withRecursive(true), got::add);
        EtcdResponse del = await(got);
        assertThat(del.event().action()).isEqualTo("delete");
        assertThat(del.node().dir()).isTrue();
        client.get("/coreos.com", false, false, got::add);
        assertThat(await(got).error().errorCode()).isEqualTo(100);
    }

    @Test
    void aWatchIsWokenByAChangeThroughTheOtherHostAndCanBeCancelled() {
        List<EtcdResponse> events = new ArrayList<>();
        client.watch("/subnets", true, 0, events::add);
        w.world.sim().runFor(SimTime.seconds(10));
        assertThat(events).isEmpty();
        EtcdClient other = EtcdClient.of(w.e1, "http://10.1.0.2:2379");
        other.set("/subnets/a", "1", EtcdSetOptions.NONE, r -> { });
        w.world.sim().runWhile(events::isEmpty);
        assertThat(events.get(0).event().action()).isEqualTo("set");
        assertThat(events.get(0).node().key()).isEqualTo("/subnets/a");

        List<EtcdResponse> never = new ArrayList<>();
        EtcdWatch watch = client.watch("/other", false, 0, never::add);
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(w.store.watchCount()).isEqualTo(1);
        watch.cancel();
        other.set("/other", "x", EtcdSetOptions.NONE, r -> { });
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(never).isEmpty();
        assertThat(w.store.watchCount()).isZero();
    }

    @Test
    void aWatchFromAnIndexReplaysTheHistory() {
        w.store.set("/k", false, "1", null);
        w.store.set("/k", false, "2", null);
        List<EtcdResponse> got = new ArrayList<>();
        client.watch("/k", false, 1, got::add);
        assertThat(await(got).node().value()).isEqualTo("1");
        client.watch("/k", false, 2, got::add);
        assertThat(await(got).node().value()).isEqualTo("2");
    }

    @Test
    void failsOverWhenTheFirstHostIsCutOffAndStaysWithTheSecond() {
        w.store.set("/foo", false, "bar", null);
        w.partitionE1();
        List<EtcdResponse> got = new ArrayList<>();
        long t0 = w.world.sim().now();
        client.get("/foo", false, false, got::add);
        EtcdResponse r = await(got);
        assertThat(r.node().value()).isEqualTo("bar");
        assertThat(r.endpoint().url()).isEqualTo("http://10.1.0.2:2379");
        long firstCall = w.world.sim().now() - t0;
        assertThat(firstCall).isGreaterThanOrEqualTo(EtcdClient.DIAL_TIMEOUT);
        t0 = w.world.sim().now();
        client.get("/foo", false, false, got::add);
        assertThat(await(got).endpoint().url()).isEqualTo("http://10.1.0.2:2379");
        assertThat(w.world.sim().now() - t0).isLessThan(SimTime.ms(10));
    }

    @Test
    void noEndpointReachableGivesOneTransportErrorPerEndpoint() {
        EtcdClient nobody = EtcdClient.of(w.w1, "http://10.1.0.3:2379", "http://10.1.0.1:4001");
        List<EtcdResponse> got = new ArrayList<>();
        nobody.get("/foo", false, false, got::add);
        EtcdResponse r = await(got);
        assertThat(r.unreachable()).isTrue();
        assertThat(r.transportErrors()).containsExactly("dial tcp 10.1.0.3:2379: connect: connection refused",
            "dial tcp 10.1.0.1:4001: connect: connection refused");
        assertThat(r.clusterErrorDetail()).isEqualTo("error #0: dial tcp 10.1.0.3:2379: connect: connection refused\n"
            + "error #1: dial tcp 10.1.0.1:4001: connect: connection refused\n");
    }

    @Test
    void badEndpointsAreRejectedWithTheReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EtcdEndpoint.parse("https://10.1.0.1:2379"))
            .hasMessage("unsupported scheme in endpoint https://10.1.0.1:2379 (expected http)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EtcdEndpoint.parse("http://etcd:2379"))
            .hasMessage("endpoint http://etcd:2379: host must be an IPv4 address");
        assertThat(EtcdEndpoint.parse("10.1.0.1").url()).isEqualTo("http://10.1.0.1:2379");
    }
}
