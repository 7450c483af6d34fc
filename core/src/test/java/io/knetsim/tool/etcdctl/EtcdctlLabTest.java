package io.knetsim.tool.etcdctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.kv.EtcdWorld;
import io.knetsim.net.NetNamespace;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * etcdctl on a worker against the cluster's two etcd hosts, output for output as etcdctl v2
 * prints it.
 *
 * <pre>
 *   C0w1 10.1.0.3 $ etcdctl --endpoints http://10.1.0.1:2379,http://10.1.0.2:2379 ...
 *        |
 *   switch br0 --- C0e1 10.1.0.1:2379 \
 *              --- C0e2 10.1.0.2:2379  +-- one shared store
 * </pre>
 */
class EtcdctlLabTest {
    private static final String EPS = "etcdctl --endpoints http://10.1.0.1:2379,http://10.1.0.2:2379 ";
    private final EtcdWorld w = new EtcdWorld();
    private final ToolRunner runner = new ToolRunner(CoreTools.registry(), Path.of("."));

    private Invocation run(NetNamespace ns, String line) {
        return runner.run(ns, line);
    }

    private String ok(String args) {
        Invocation inv = run(w.w1, EPS + args);
        assertThat(inv.stderr()).as("stderr of %s", args).isEmpty();
        assertThat(inv.exitCode()).as("exit status of %s", args).isZero();
        return inv.stdout();
    }

    private void fails(String args, String stderr, int status) {
        Invocation inv = run(w.w1, EPS + args);
        assertThat(inv.stdout()).as("stdout of %s", args).isEmpty();
        assertThat(inv.stderr()).as("stderr of %s", args).isEqualTo(stderr);
        assertThat(inv.exitCode()).as("exit status of %s", args).isEqualTo(status);
    }

    @Test
    void setGetMkUpdateAndTheirErrors() {
        assertThat(ok("set /foo bar")).isEqualTo("bar\n");
        assertThat(ok("get /foo")).isEqualTo("bar\n");
        assertThat(ok("update /foo baz")).isEqualTo("baz\n");
        assertThat(ok("mk /new v")).isEqualTo("v\n");
        fails("mk /new v", "Error:  105: Key already exists (/new) [3]\n", 4);
        fails("get /nope", "Error:  100: Key not found (/nope) [3]\n", 4);
        fails("update /nope x", "Error:  100: Key not found (/nope) [3]\n", 4);
        assertThat(ok("set --swap-with-value baz /foo qux")).isEqualTo("qux\n");
        fails("set --swap-with-value baz /foo again", "Error:  101: Compare failed ([baz != qux]) [4]\n", 4);
        fails("set --swap-with-index 1 /foo again", "Error:  101: Compare failed ([1 != 4]) [4]\n", 4);
        assertThat(ok("set --swap-with-index 4 /foo again")).isEqualTo("again\n");
        fails("get", "Error:  key required\n", 1);
        fails("set /foo", "Error:  value required\n", 1);
        fails("frobnicate", "No help topic for 'frobnicate'\n", 3);
    }

    @Test
    void directoriesListingsAndRemoval() {
        assertThat(ok("mkdir /dir")).isEmpty();
        fails("mkdir /dir", "Error:  105: Key already exists (/dir) [1]\n", 4);
        ok("set /dir/b 2");
        ok("set /dir/a 1");
        ok("mkdir /dir/sub");
        ok("set /dir/sub/c 3");
        ok("set /top x");
        assertThat(ok("ls")).isEqualTo("/dir\n/top\n");
        assertThat(ok("ls /dir")).isEqualTo("/dir/b\n/dir/a\n/dir/sub\n");
        assertThat(ok("ls --sort -r -p /dir")).isEqualTo("/dir/a\n/dir/b\n/dir/sub/\n/dir/sub/c\n");
        assertThat(ok("ls /top")).isEqualTo("/top\n");
        Invocation get = run(w.w1, EPS + "get /dir");
        assertThat(get.stderr()).isEqualTo("/dir: is a directory\n");
        assertThat(get.exitCode()).isEqualTo(1);
        fails("rmdir /dir", "Error:  108: Directory not empty (/dir) [6]\n", 4);
        fails("rm /dir", "Error:  102: Not a file (/dir) [6]\n", 4);
        assertThat(ok("rm /dir/a")).isEqualTo("PrevNode.Value: 1\n");
        fails("rm --with-value nope /dir/b", "Error:  101: Compare failed ([nope != 2]) [7]\n", 4);
        assertThat(ok("rm --with-value 2 /dir/b")).isEqualTo("\n");
        assertThat(ok("rm -r /dir")).isEmpty();
        assertThat(ok("setdir /d2")).isEmpty();
        assertThat(ok("updatedir --ttl 60 /d2")).isEmpty();
        assertThat(ok("rmdir /d2")).isEmpty();
        assertThat(ok("ls")).isEqualTo("/top\n");
    }

    @Test
    void jsonAndExtendedOutputs() {
        assertThat(ok("-o json set /foo bar")).isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar\","
            + "\"nodes\":null,\"createdIndex\":1,\"modifiedIndex\":1},\"prevNode\":null}\n");
        assertThat(ok("--output json rm /foo")).isEqualTo("{\"action\":\"delete\",\"node\":{\"key\":\"/foo\",\"value\":\"\","
            + "\"nodes\":null,\"createdIndex\":1,\"modifiedIndex\":2},\"prevNode\":{\"key\":\"/foo\",\"value\":\"bar\","
            + "\"nodes\":null,\"createdIndex\":1,\"modifiedIndex\":1}}\n");
        fails("-o json get /foo", "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/foo\",\"index\":2}\n", 4);
        ok("mkdir /d");
        assertThat(ok("-o json ls /d")).isEqualTo("{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,\"value\":\"\","
            + "\"nodes\":null,\"createdIndex\":3,\"modifiedIndex\":3},\"prevNode\":null}\n");
        assertThat(ok("-o extended set /k v")).isEqualTo("Key: /k\nCreated-Index: 4\nModified-Index: 4\nTTL: 0\nIndex: 4\n\nv\n");
        w.world.sim().runUntil(SimTime.seconds(100));
        assertThat(ok("-o json set --ttl 20 /k w")).isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/k\",\"value\":\"w\","
            + "\"nodes\":null,\"createdIndex\":5,\"modifiedIndex\":5,\"expiration\":\"1970-01-01T00:02:00.0003Z\",\"ttl\":20},"
            + "\"prevNode\":{\"key\":\"/k\",\"value\":\"v\",\"nodes\":null,\"createdIndex\":4,\"modifiedIndex\":4}}\n");
    }

    @Test
    void watchWaitsForASetFromAnotherHost() {
        ok("set /foo old");
        Invocation watch = runner.start(w.w1, EPS + "watch /foo");
        w.world.sim().runFor(SimTime.seconds(5));
        assertThat(watch.finished()).isFalse();
        assertThat(run(w.e2, "etcdctl set /foo new").stdout()).isEqualTo("new\n");
        runner.finish(watch);
        assertThat(watch.stdout()).isEqualTo("new\n");
        assertThat(watch.exitCode()).isZero();
    }

    @Test
    void watchForeverFromAnIndexRecursiveUntilInterrupted() {
        ok("set /dir/a 1");
        ok("set /dir/b 2");
        Invocation watch = runner.start(w.w1, EPS + "watch --forever -r --after-index 1 /dir");
        w.world.sim().runFor(SimTime.seconds(1));
        ok("rm /dir/a");
        w.world.sim().runFor(SimTime.seconds(1));
        watch.interrupt();
        assertThat(watch.stdout()).isEqualTo("[set] /dir/b\n2\n[delete] /dir/a\nPrevNode.Value: 1\n");
        assertThat(watch.exitCode()).isZero();
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(w.store.watchCount()).isZero();
    }

    @Test
    void theFirstEndpointCutOffTheSecondAnswers() {
        ok("set /foo bar");
        w.partitionE1();
        long before = w.world.sim().now();
        assertThat(ok("get /foo")).isEqualTo("bar\n");
        assertThat(w.world.sim().now() - before).isBetween(SimTime.seconds(1), SimTime.seconds(2));
    }

    @Test
    void noEndpointAnswers() {
        Invocation inv = run(w.w1, "etcdctl get /foo");
        assertThat(inv.stderr()).isEqualTo("""
            Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 127.0.0.1:2379: connect: connection refused
            ; error #1: dial tcp 127.0.0.1:4001: connect: connection refused

            error #0: dial tcp 127.0.0.1:2379: connect: connection refused
            error #1: dial tcp 127.0.0.1:4001: connect: connection refused

            """);
        assertThat(inv.exitCode()).isEqualTo(2);
        w.partitionE1();
        Invocation cut = run(w.w1, "etcdctl --endpoints http://10.1.0.1:2379 get /foo");
        assertThat(cut.stderr()).startsWith("Error:  client: etcd cluster is unavailable or misconfigured; "
            + "error #0: dial tcp 10.1.0.1:2379: i/o timeout\n");
        assertThat(cut.exitCode()).isEqualTo(2);
    }

    @Test
    void onAnEtcdHostTheDefaultEndpointsWork() {
        assertThat(run(w.e1, "etcdctl set /local yes").stdout()).isEqualTo("yes\n");
        assertThat(run(w.e2, "etcdctl get /local").stdout()).isEqualTo("yes\n");
    }
}
