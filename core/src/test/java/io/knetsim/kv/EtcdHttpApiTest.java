package io.knetsim.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.app.http.HttpClientResponse;
import io.knetsim.app.http.HttpResult;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.sim.SimTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The etcd v2 HTTP API over the simulated network, seen by a plain HTTP client on a worker,
 * with status codes, headers and bodies as etcd sends them.
 *
 * <pre>
 *   C0w1 10.1.0.3  --HTTP-->  C0e1 10.1.0.1:2379 \
 *                  --HTTP-->  C0e2 10.1.0.2:2379  +-- one shared KvStore
 * </pre>
 */
class EtcdHttpApiTest {
    private final EtcdWorld w = new EtcdWorld();
    private final HttpClient http = new HttpClient(w.w1, "test");
    private static final int E1 = Ipv4Address.parse("10.1.0.1").bits();
    private static final int E2 = Ipv4Address.parse("10.1.0.2").bits();

    private HttpClientResponse call(int host, String method, String target, String form) {
        List<HttpResult> got = new ArrayList<>();
        http.send(HttpClientRequest.form(host, 2379, method, target, form), got::add);
        w.world.sim().runWhile(got::isEmpty);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).ok()).as("response to %s %s", method, target).isTrue();
        return got.get(0).response();
    }

    private static String summary(HttpClientResponse r) {
        return r.status() + " " + r.reason() + " index=" + r.header("X-Etcd-Index") + " " + r.bodyText();
    }

    @Test
    void putGetOnEitherHostWithEtcdsStatusAndHeaders() {
        HttpClientResponse put = call(E1, "PUT", "/v2/keys/message", "value=Hello+world");
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.header("Content-Type")).isEqualTo("application/json");
        assertThat(put.header("X-Etcd-Index")).isEqualTo("1");
        assertThat(put.header("X-Raft-Index")).isEqualTo("1");
        assertThat(put.header("X-Raft-Term")).isEqualTo("1");
        assertThat(put.bodyText()).isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"Hello world\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
        assertThat(summary(call(E2, "GET", "/v2/keys/message", ""))).isEqualTo("200 OK index=1 "
            + "{\"action\":\"get\",\"node\":{\"key\":\"/message\",\"value\":\"Hello world\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
        assertThat(summary(call(E2, "PUT", "/v2/keys/message?value=again", ""))).startsWith("200 OK index=2 "
            + "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"again\"");
    }

    @Test
    void errorsCarryEtcdsCodesAndStatuses() {
        call(E1, "PUT", "/v2/keys/foo", "value=bar");
        call(E1, "PUT", "/v2/keys/dir/a", "value=1");
        assertThat(summary(call(E1, "GET", "/v2/keys/nope", ""))).isEqualTo(
            "404 Not Found index=2 {\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/nope\",\"index\":2}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=x&prevExist=false"))).isEqualTo(
            "412 Precondition Failed index=2 {\"errorCode\":105,\"message\":\"Key already exists\",\"cause\":\"/foo\",\"index\":2}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=x&prevValue=nope"))).isEqualTo(
            "412 Precondition Failed index=2 {\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[nope != bar]\",\"index\":2}\n");
        assertThat(summary(call(E1, "DELETE", "/v2/keys/dir", ""))).isEqualTo(
            "403 Forbidden index=2 {\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":2}\n");
        assertThat(summary(call(E1, "DELETE", "/v2/keys/dir?dir=true", ""))).isEqualTo(
            "403 Forbidden index=2 {\"errorCode\":108,\"message\":\"Directory not empty\",\"cause\":\"/dir\",\"index\":2}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo/bar", "value=x"))).isEqualTo(
            "400 Bad Request index=2 {\"errorCode\":104,\"message\":\"Not a directory\",\"cause\":\"/foo\",\"index\":2}\n");
        assertThat(summary(call(E1, "DELETE", "/v2/keys/?recursive=true", ""))).isEqualTo(
            "400 Bad Request index=2 {\"errorCode\":107,\"message\":\"Root is read only\",\"cause\":\"/\",\"index\":2}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=x&ttl=abc"))).isEqualTo("400 Bad Request index=0 "
            + "{\"errorCode\":202,\"message\":\"The given TTL in POST form is not a number\",\"cause\":\"invalid value for \\\"ttl\\\"\",\"index\":0}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=x&prevIndex=-1"))).isEqualTo("400 Bad Request index=0 "
            + "{\"errorCode\":203,\"message\":\"The given index in POST form is not a number\",\"cause\":\"invalid value for \\\"prevIndex\\\"\",\"index\":0}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=x&prevValue="))).isEqualTo("400 Bad Request index=0 "
            + "{\"errorCode\":201,\"message\":\"PrevValue is Required in POST form\",\"cause\":\"\\\"prevValue\\\" cannot be empty\",\"index\":0}\n");
        assertThat(summary(call(E1, "GET", "/v2/keys/foo?recursive=maybe", ""))).isEqualTo("400 Bad Request index=0 "
            + "{\"errorCode\":209,\"message\":\"Invalid field\",\"cause\":\"invalid value for \\\"recursive\\\"\",\"index\":0}\n");
        assertThat(w.store.index()).isEqualTo(2);
    }

    @Test
    void casPostDeleteListingsVersionAndHealth() {
        call(E1, "PUT", "/v2/keys/foo", "value=one");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=two&prevExist=true&prevIndex=1"))).isEqualTo(
            "200 OK index=2 {\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/foo\",\"value\":\"two\",\"modifiedIndex\":2,"
                + "\"createdIndex\":1},\"prevNode\":{\"key\":\"/foo\",\"value\":\"one\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
        assertThat(summary(call(E1, "PUT", "/v2/keys/foo", "value=three&prevExist=true"))).startsWith(
            "200 OK index=3 {\"action\":\"update\"");
        assertThat(summary(call(E2, "POST", "/v2/keys/queue", "value=Job1"))).isEqualTo(
            "201 Created index=4 {\"action\":\"create\",\"node\":{\"key\":\"/queue/00000000000000000004\",\"value\":\"Job1\","
                + "\"modifiedIndex\":4,\"createdIndex\":4}}\n");
        call(E1, "PUT", "/v2/keys/queue/sub", "dir=true");
        assertThat(call(E1, "GET", "/v2/keys/?recursive=true&sorted=true", "").bodyText()).isEqualTo(
            "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/foo\",\"value\":\"three\",\"modifiedIndex\":3,"
                + "\"createdIndex\":1},{\"key\":\"/queue\",\"dir\":true,\"nodes\":[{\"key\":\"/queue/00000000000000000004\","
                + "\"value\":\"Job1\",\"modifiedIndex\":4,\"createdIndex\":4},{\"key\":\"/queue/sub\",\"dir\":true,"
                + "\"modifiedIndex\":5,\"createdIndex\":5}],\"modifiedIndex\":4,\"createdIndex\":4}]}}\n");
        assertThat(summary(call(E1, "DELETE", "/v2/keys/foo?prevValue=three", ""))).startsWith(
            "200 OK index=6 {\"action\":\"compareAndDelete\"");
        assertThat(summary(call(E1, "DELETE", "/v2/keys/queue?recursive=true", ""))).isEqualTo(
            "200 OK index=7 {\"action\":\"delete\",\"node\":{\"key\":\"/queue\",\"dir\":true,\"modifiedIndex\":7,"
                + "\"createdIndex\":4},\"prevNode\":{\"key\":\"/queue\",\"dir\":true,\"modifiedIndex\":4,\"createdIndex\":4}}\n");
        assertThat(call(E1, "GET", "/version", "").bodyText()).isEqualTo("{\"etcdserver\":\"2.3.8\",\"etcdcluster\":\"2.3.0\"}\n");
        assertThat(call(E2, "GET", "/health", "").bodyText()).isEqualTo("{\"health\": \"true\"}\n");
        assertThat(summary(call(E2, "GET", "/v3/kv", ""))).isEqualTo("404 Not Found index=null 404 page not found\n");
    }

    @Test
    void ttlShowsExpirationAndTheKeyExpiresOnTheClock() {
        w.world.sim().runUntil(SimTime.seconds(10));
        HttpClientResponse put = call(E1, "PUT", "/v2/keys/lease", "value=x&ttl=30");
        assertThat(put.bodyText()).matches("\\{\"action\":\"set\",\"node\":\\{\"key\":\"/lease\",\"value\":\"x\","
            + "\"expiration\":\"1970-01-01T00:00:40\\.[0-9]+Z\",\"ttl\":30,\"modifiedIndex\":1,\"createdIndex\":1}}\n");
        w.world.sim().runUntil(SimTime.seconds(41));
        assertThat(summary(call(E2, "GET", "/v2/keys/lease", ""))).isEqualTo(
            "404 Not Found index=2 {\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/lease\",\"index\":2}\n");
    }

    @Test
    void aLongPollIsWokenByASetThroughTheOtherHost() {
        List<HttpResult> watch = new ArrayList<>();
        http.send(HttpClientRequest.get(E1, 2379, "/v2/keys/foo?wait=true"), watch::add);
        w.world.sim().runFor(SimTime.seconds(30));
        assertThat(watch).isEmpty();
        assertThat(w.store.watchCount()).isEqualTo(1);
        call(E2, "PUT", "/v2/keys/foo", "value=woken");
        w.world.sim().runWhile(watch::isEmpty);
        HttpClientResponse r = watch.get(0).response();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.header("X-Etcd-Index")).isEqualTo("0");
        assertThat(r.bodyText()).isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"woken\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
    }

    @Test
    void aWatchFromAnOldIndexAnswersFromTheHistoryAndAGoneClientDropsItsWatch() {
        call(E1, "PUT", "/v2/keys/dir/a", "value=1");
        call(E1, "PUT", "/v2/keys/dir/b", "value=2");
        assertThat(call(E2, "GET", "/v2/keys/dir?wait=true&recursive=true&waitIndex=2", "").bodyText()).isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/dir/b\",\"value\":\"2\",\"modifiedIndex\":2,\"createdIndex\":2}}\n");
        var call = http.send(HttpClientRequest.get(E1, 2379, "/v2/keys/other?wait=true"), r -> { });
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(w.store.watchCount()).isEqualTo(1);
        call.cancel();
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(w.store.watchCount()).isZero();
    }

    @Test
    void aStreamingWatchSendsEveryChangeAndOtherMethodsAre405() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        TcpSocket sock = Tcp.connect(w.w1, E1, 2379, new TcpHandler() {
            @Override
            public void onConnected(TcpSocket s) {
                byte[] b = "GET /v2/keys/s?wait=true&stream=true HTTP/1.1\r\nHost: 10.1.0.1:2379\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
                s.send(b, 0, b.length);
            }

            @Override
            public void onData(TcpSocket s, byte[] b, int off, int len) {
                got.write(b, off, len);
            }
        });
        w.world.sim().runFor(SimTime.seconds(1));
        w.store.set("/s", false, "1", null);
        w.store.set("/s", false, "2", null);
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK\r\n"
            + "Server: knetsim-http/1.0\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "X-Etcd-Index: 0\r\nX-Raft-Index: 0\r\nX-Raft-Term: 1\r\n\r\n"
            + "54\r\n{\"action\":\"set\",\"node\":{\"key\":\"/s\",\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n\r\n"
            + "9b\r\n{\"action\":\"set\",\"node\":{\"key\":\"/s\",\"value\":\"2\",\"modifiedIndex\":2,\"createdIndex\":2},"
            + "\"prevNode\":{\"key\":\"/s\",\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n\r\n");
        assertThat(w.store.watchCount()).isEqualTo(1);
        sock.close();
        w.world.sim().runFor(SimTime.seconds(1));
        assertThat(w.store.watchCount()).isZero();
        HttpClientResponse patch = call(E1, "PATCH", "/v2/keys/s", "");
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.header("Allow")).isEqualTo("GET, PUT, POST, DELETE");
    }

    @Test
    void aWatchOnAClearedIndexIs401() {
        KvStore small = w.store;
        for (int i = 0; i < 1001; i++) {
            small.set("/k", false, "v" + i, null);
        }
        assertThat(summary(call(E1, "GET", "/v2/keys/k?wait=true&waitIndex=1", ""))).isEqualTo("400 Bad Request index=1001 "
            + "{\"errorCode\":401,\"message\":\"The event in requested index is outdated and cleared\","
            + "\"cause\":\"the requested history has been cleared [2/1]\",\"index\":1001}\n");
    }
}
