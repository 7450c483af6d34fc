package io.knetsim.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The etcd v2 store alone, on a simulator clock: each operation, each error code, TTLs and
 * watches, compared with the JSON etcd v2 answers.
 *
 * <pre>
 *   /foo = bar
 *   /dir/
 *     a = 1
 *     sub/ b = 2
 * </pre>
 */
class KvStoreTest {
    private final Simulator sim = new Simulator(1);
    private final KvStore store = new KvStore(sim);

    private static void fails(ThrowingCallable call, int code, String message) {
        assertThatThrownBy(call).isInstanceOf(KvError.class).hasMessage(message)
            .satisfies(e -> assertThat(((KvError) e).errorCode()).isEqualTo(code));
    }

    @Test
    void setGetAndTheIndex() {
        KvEvent set = store.set("foo", false, "bar", null);
        assertThat(KvJson.event(set))
            .isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar\",\"modifiedIndex\":1,\"createdIndex\":1}}");
        assertThat(set.isCreated()).isTrue();
        KvEvent again = store.set("/foo/", false, "baz", null);
        assertThat(KvJson.event(again)).isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"baz\","
            + "\"modifiedIndex\":2,\"createdIndex\":2},\"prevNode\":{\"key\":\"/foo\",\"value\":\"bar\","
            + "\"modifiedIndex\":1,\"createdIndex\":1}}");
        assertThat(again.isCreated()).isFalse();
        assertThat(KvJson.event(store.get("/foo", false, false)))
            .isEqualTo("{\"action\":\"get\",\"node\":{\"key\":\"/foo\",\"value\":\"baz\",\"modifiedIndex\":2,\"createdIndex\":2}}");
        assertThat(store.index()).isEqualTo(2);
    }

    @Test
    void listingsRecursiveSortedAndHidden() {
        store.set("/dir/b", false, "2", null);
        store.set("/dir/a", false, "1", null);
        store.set("/dir/sub/c", false, "3", null);
        store.set("/dir/_hidden", false, "h", null);
        store.set("/empty", true, null, null);
        assertThat(KvJson.event(store.get("/dir", false, true))).isEqualTo("{\"action\":\"get\",\"node\":{\"key\":\"/dir\","
            + "\"dir\":true,\"nodes\":[{\"key\":\"/dir/a\",\"value\":\"1\",\"modifiedIndex\":2,\"createdIndex\":2},"
            + "{\"key\":\"/dir/b\",\"value\":\"2\",\"modifiedIndex\":1,\"createdIndex\":1},"
            + "{\"key\":\"/dir/sub\",\"dir\":true,\"modifiedIndex\":3,\"createdIndex\":3}],"
            + "\"modifiedIndex\":1,\"createdIndex\":1}}");
        assertThat(store.get("/dir", true, false).node().nodes()).extracting(KvNode::key)
            .containsExactly("/dir/b", "/dir/a", "/dir/sub");
        assertThat(store.get("/dir", true, false).node().nodes().get(2).nodes()).extracting(KvNode::value)
            .containsExactly("3");
        assertThat(KvJson.event(store.get("/", false, true))).isEqualTo("{\"action\":\"get\",\"node\":{\"dir\":true,"
            + "\"nodes\":[{\"key\":\"/dir\",\"dir\":true,\"modifiedIndex\":1,\"createdIndex\":1},"
            + "{\"key\":\"/empty\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}]}}");
        assertThat(KvJson.event(store.get("/empty", true, true)))
            .isEqualTo("{\"action\":\"get\",\"node\":{\"key\":\"/empty\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}}");
    }

    @Test
    void everyErrorCodeWithCauseAndIndexAndNothingChanged() {
        store.set("/foo", false, "bar", null);
        store.set("/dir/a", false, "1", null);
        fails(() -> store.get("/nope/x", false, false), 100, "100: Key not found (/nope) [2]");
        fails(() -> store.compareAndSwap("/foo", "x", 0, "y", null), 101, "101: Compare failed ([x != bar]) [2]");
        fails(() -> store.compareAndSwap("/foo", "", 9, "y", null), 101, "101: Compare failed ([9 != 1]) [2]");
        fails(() -> store.compareAndSwap("/foo", "x", 9, "y", null), 101,
            "101: Compare failed ([x != bar] [9 != 1]) [2]");
        fails(() -> store.set("/dir", false, "v", null), 102, "102: Not a file (/dir) [2]");
        fails(() -> store.delete("/dir", false, false), 102, "102: Not a file (/dir) [2]");
        fails(() -> store.update("/dir", "v", null), 102, "102: Not a file (/dir) [2]");
        fails(() -> store.set("/foo/bar/baz", false, "v", null), 104, "104: Not a directory (/foo) [2]");
        fails(() -> store.get("/foo/bar", false, false), 104, "104: Not a directory (/foo) [2]");
        fails(() -> store.create("/foo", false, "v", null), 105, "105: Key already exists (/foo) [2]");
        fails(() -> store.set("/", true, null, null), 107, "107: Root is read only (/) [2]");
        fails(() -> store.delete("/", true, true), 107, "107: Root is read only (/) [2]");
        fails(() -> store.delete("/dir", true, false), 108, "108: Directory not empty (/dir) [2]");
        fails(() -> store.update("/missing", "v", null), 100, "100: Key not found (/missing) [2]");
        fails(() -> store.compareAndDelete("/foo", "nope", 0), 101, "101: Compare failed ([nope != bar]) [2]");
        assertThat(store.index()).isEqualTo(2);
        assertThat(store.get("/", true, true).node().nodes()).extracting(KvNode::key).containsExactly("/dir", "/foo");
        assertThat(store.get("/dir", true, true).node().nodes()).extracting(KvNode::key).containsExactly("/dir/a");
    }

    @Test
    void createUpdateCasAndDeletes() {
        assertThat(store.create("/k", false, "v1", null).action()).isEqualTo("create");
        KvEvent upd = store.update("/k", "v2", null);
        assertThat(upd.node()).isEqualTo(new KvNode("/k", "v2", false, -1, 0, null, 2, 1));
        assertThat(upd.prevNode().value()).isEqualTo("v1");
        KvEvent cas = store.compareAndSwap("/k", "v2", 2, "v3", null);
        assertThat(KvJson.event(cas)).isEqualTo("{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/k\",\"value\":\"v3\","
            + "\"modifiedIndex\":3,\"createdIndex\":1},\"prevNode\":{\"key\":\"/k\",\"value\":\"v2\","
            + "\"modifiedIndex\":2,\"createdIndex\":1}}");
        KvEvent cad = store.compareAndDelete("/k", null, 3);
        assertThat(KvJson.event(cad)).isEqualTo("{\"action\":\"compareAndDelete\",\"node\":{\"key\":\"/k\","
            + "\"modifiedIndex\":4,\"createdIndex\":1},\"prevNode\":{\"key\":\"/k\",\"value\":\"v3\","
            + "\"modifiedIndex\":3,\"createdIndex\":1}}");
        store.create("/d", true, null, null);
        assertThat(KvJson.event(store.delete("/d", true, false))).isEqualTo("{\"action\":\"delete\",\"node\":{"
            + "\"key\":\"/d\",\"dir\":true,\"modifiedIndex\":6,\"createdIndex\":5},\"prevNode\":{\"key\":\"/d\","
            + "\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}}");
        store.set("/t/x/y", false, "1", null);
        assertThat(store.delete("/t", false, true).node().dir()).isTrue();
        fails(() -> store.get("/t/x/y", false, false), 100, "100: Key not found (/t) [8]");
        store.set("/f", false, "file", null);
        assertThat(store.delete("/f", true, false).prevNode().value()).isEqualTo("file");
    }

    @Test
    void postCreatesInOrderKeys() {
        store.set("/q/x", false, "0", null);
        KvEvent a = store.createInOrder("/q", "job1", null);
        KvEvent b = store.createInOrder("/q", "job2", null);
        assertThat(a.node().key()).isEqualTo("/q/00000000000000000002");
        assertThat(b.node().key()).isEqualTo("/q/00000000000000000003");
        assertThat(a.action()).isEqualTo("create");
        fails(() -> store.createInOrder("/q/x", "v", null), 104, "104: Not a directory (/q/x) [3]");
    }

    @Test
    void ttlExpiresOnTheClockWithAnExpireEvent() {
        sim.runFor(SimTime.ms(500));
        KvEvent e = store.set("/lease", false, "x", 5L);
        assertThat(KvJson.event(e)).isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/lease\",\"value\":\"x\","
            + "\"expiration\":\"1970-01-01T00:00:05.5Z\",\"ttl\":5,\"modifiedIndex\":1,\"createdIndex\":1}}");
        store.set("/tmpdir/a", false, "1", null);
        store.update("/tmpdir", "", 10L);
        List<KvEvent> seen = new ArrayList<>();
        store.watch("/lease", false, 0, seen::add);
        store.watch("/tmpdir/a", false, 0, seen::add);
        sim.runFor(SimTime.ms(1500));
        assertThat(store.get("/lease", false, false).node().ttl()).isEqualTo(4);
        sim.runUntil(SimTime.ms(5499));
        assertThat(store.get("/lease", false, false).node().ttl()).isEqualTo(1);
        sim.runUntil(SimTime.ms(5500));
        assertThat(KvJson.event(seen.get(0))).isEqualTo("{\"action\":\"expire\",\"node\":{\"key\":\"/lease\","
            + "\"modifiedIndex\":4,\"createdIndex\":1},\"prevNode\":{\"key\":\"/lease\",\"value\":\"x\","
            + "\"expiration\":\"1970-01-01T00:00:05.5Z\",\"modifiedIndex\":1,\"createdIndex\":1}}");
        fails(() -> store.get("/lease", false, false), 100, "100: Key not found (/lease) [4]");
        sim.runUntil(SimTime.ms(10500));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).action()).isEqualTo("expire");
        assertThat(seen.get(1).node().key()).isEqualTo("/tmpdir");
        assertThat(store.index()).isEqualTo(5);
        assertThat(store.get("/", true, false).node().nodes()).isNull();
    }

    @Test
    void resettingWithoutTtlMakesAKeyPermanent() {
        store.set("/k", false, "v", 1L);
        store.update("/k", "w", null);
        sim.runFor(SimTime.seconds(5));
        assertThat(store.get("/k", false, false).node().value()).isEqualTo("w");
        assertThat(store.index()).isEqualTo(2);
    }

    @Test
    void watchesFromAnIndexRecursiveAndOneShot() {
        store.set("/a/x", false, "1", null);
        store.set("/b", false, "2", null);
        store.set("/a/y", false, "3", null);
        List<KvEvent> seen = new ArrayList<>();
        store.watch("/a", true, 2, seen::add);
        store.watch("/a", false, 0, seen::add);
        KvWatch cancelled = store.watch("/b", false, 0, seen::add);
        cancelled.cancel();
        assertThat(seen).isEmpty();
        sim.runUntilIdle();
        assertThat(seen).extracting(e -> e.node().key()).containsExactly("/a/y");
        store.set("/b", false, "again", null);
        store.delete("/a", true, true);
        assertThat(seen).extracting(KvEvent::action).containsExactly("set", "delete");
        assertThat(store.watchCount()).isZero();
        List<KvEvent> child = new ArrayList<>();
        store.set("/c/d/e", false, "1", null);
        store.watch("/c/d/e", false, 0, child::add);
        store.delete("/c", false, true);
        assertThat(child).extracting(e -> e.node().key()).containsExactly("/c");
    }

    @Test
    void historyKeepsTheLastThousandEvents() {
        for (int i = 1; i <= 1001; i++) {
            store.set("/k", false, Integer.toString(i), null);
        }
        assertThat(store.historyStartIndex()).isEqualTo(2);
        fails(() -> store.watch("/k", false, 1, e -> { }), 401,
            "401: The event in requested index is outdated and cleared (the requested history has been cleared [2/1]) [1001]");
        List<KvEvent> seen = new ArrayList<>();
        store.watch("/k", false, 2, seen::add);
        sim.runUntilIdle();
        assertThat(seen).extracting(e -> e.node().value()).containsExactly("2");
    }
}
