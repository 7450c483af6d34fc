package io.knetsim.tool.curl;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.app.http.HttpServer;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl from one pod to an HTTP server in a pod on the other worker, across the VXLAN overlay.
 *
 * <pre>
 *   podA 11.10.1.2  $ curl 11.10.2.2:8000          podB 11.10.2.2  FixedMessageServer "S1-W2" :8000
 *     |                                               |
 *   hostA cni0 -- flannel.100 ===== vni 100 ===== flannel.100 -- cni0 hostB
 * </pre>
 */
class CurlLabTest {
    private final TwoWorkerOverlay w = new TwoWorkerOverlay(7, LinkConfig.DEFAULT);
    private final ToolRunner runner;

    CurlLabTest() {
        ToolRegistry r = CoreTools.registry();
        Curl.registerAll(r);
        runner = new ToolRunner(r, Path.of("."));
    }

    private Invocation curl(String args) {
        return runner.run(w.podA, "curl " + args);
    }

    private HttpServer s1w2() {
        return FixedMessageServer.start(w.podB, 8000, "S1-W2");
    }

    @Test
    void curlPrintsTheServersMessage() {
        s1w2();
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("S1-W2\n");
        assertThat(c.stderr()).isEmpty();
        assertThat(curl("http://11.10.2.2:8000/any/path").stdout()).isEqualTo("S1-W2\n");
    }

    @Test
    void localhostIsTheLoopbackAddressAsCurlResolvesItItself() {
        FixedMessageServer.start(w.podA, 8000, "local");
        Invocation c = curl("-v localhost:8000/x");
        assertThat(c.stdout()).isEqualTo("local\n");
        assertThat(c.stderr()).startsWith("""
            *   Trying 127.0.0.1:8000...
            * Connected to localhost (127.0.0.1) port 8000
            > GET /x HTTP/1.1
            > Host: localhost:8000
            """);
    }

    @Test
    void verboseShowsTheExchangeOnStderr() {
        s1w2();
        Invocation c = curl("-v http://11.10.2.2:8000/");
        assertThat(c.stdout()).isEqualTo("S1-W2\n");
        assertThat(c.stderr()).isEqualTo("""
            *   Trying 11.10.2.2:8000...
            * Connected to 11.10.2.2 (11.10.2.2) port 8000
            > GET / HTTP/1.1
            > Host: 11.10.2.2:8000
            > User-Agent: curl/8.5.0
            > Accept: */*
            >\s
            < HTTP/1.1 200 OK
            < Server: knetsim-http/1.0
            < Content-Type: text/plain; charset=utf-8
            < Content-Length: 6
            <\s
            * Connection #0 to host 11.10.2.2 left intact
            """);
    }

    @Test
    void includePutsTheResponseHeadOnStdout() {
        s1w2();
        Invocation c = curl("-si 11.10.2.2:8000");
        assertThat(c.stdout()).isEqualTo("HTTP/1.1 200 OK\r\nServer: knetsim-http/1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nS1-W2\n");
    }

    @Test
    void requestOptionsShapeTheRequest() {
        HttpServer echo = new HttpServer(w.podB, 8000, req -> io.knetsim.app.http.HttpResponse.text(200, "OK",
            req.method() + " " + req.target() + " " + req.header("X-Lab") + " " + req.header("Content-Type") + " "
                + new String(req.body(), StandardCharsets.UTF_8))).start();
        assertThat(curl("-s -H 'X-Lab: one' -d a=1 11.10.2.2:8000/p").stdout())
            .isEqualTo("POST /p one application/x-www-form-urlencoded a=1");
        assertThat(curl("-X DELETE 11.10.2.2:8000").stdout()).isEqualTo("DELETE / null null ");
        assertThat(echo.requests()).isEqualTo(2);
    }

    @Test
    void outputGoesToAFile(@TempDir Path dir) throws Exception {
        s1w2();
        ToolRegistry r = CoreTools.registry();
        Curl.registerAll(r);
        Invocation c = new ToolRunner(r, dir).run(w.podA, "curl -s -o page.txt 11.10.2.2:8000");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEmpty();
        assertThat(Files.readString(dir.resolve("page.txt"))).isEqualTo("S1-W2\n");
    }

    @Test
    void eachCurlIsOneConnectionAndItIsClosedWhenCurlExits() {
        HttpServer s = s1w2();
        curl("11.10.2.2:8000");
        curl("11.10.2.2:8000");
        assertThat(s.connections()).isEqualTo(2);
        assertThat(s.requests()).isEqualTo(2);
    }

    @Test
    void twoUrlsToTheSameServerShareOneKeptAliveConnection() {
        HttpServer s = s1w2();
        Invocation c = curl("-v 11.10.2.2:8000/a http://11.10.2.2:8000/b");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("S1-W2\nS1-W2\n");
        assertThat(s.connections()).isEqualTo(1);
        assertThat(s.requests()).isEqualTo(2);
        assertThat(c.stderr()).contains("""
            * Connection #0 to host 11.10.2.2 left intact
            * Re-using existing connection with host 11.10.2.2
            > GET /b HTTP/1.1
            """).endsWith("* Connection #0 to host 11.10.2.2 left intact\n");
        assertThat(c.stderr().split("Trying", -1)).hasSize(2);
    }

    @Test
    void anotherPortIsANewConnection() {
        HttpServer s1 = s1w2();
        HttpServer s2 = FixedMessageServer.start(w.podB, 8001, "S2-W2");
        Invocation c = curl("-v 11.10.2.2:8000 11.10.2.2:8001");
        assertThat(c.stdout()).isEqualTo("S1-W2\nS2-W2\n");
        assertThat(c.stderr()).contains("* Connection #1 to host 11.10.2.2 left intact\n");
        assertThat(s1.connections() + s2.connections()).isEqualTo(2);
    }

    @Test
    void nothingListeningIsExit7() {
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(7);
        assertThat(c.stdout()).isEmpty();
        assertThat(c.stderr()).isEqualTo(
            "curl: (7) Failed to connect to 11.10.2.2 port 8000 after 0 ms: Couldn't connect to server\n");
        assertThat(curl("-s 11.10.2.2:8000").stderr()).isEmpty();
        assertThat(curl("-sS 11.10.2.2:8000").stderr()).startsWith("curl: (7) ");
    }

    @Test
    void aNameIsExit6AndOtherProtocolsExit1() {
        Invocation c = curl("http://web.default.svc:8000/");
        assertThat(c.exitCode()).isEqualTo(6);
        assertThat(c.stderr()).isEqualTo("curl: (6) Could not resolve host: web.default.svc\n");
        assertThat(curl("https://11.10.2.2/").stderr()).isEqualTo("curl: (1) Protocol \"https\" not supported\n");
        assertThat(curl("11.10.2.2:99999").exitCode()).isEqualTo(3);
        Invocation none = curl("-s");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).startsWith("curl: no URL specified!");
    }

    @Test
    void droppedSynAcksTimeOutAfterMaxTime() {
        s1w2();
        runner.run(w.podB, "ip route add blackhole 11.10.1.2/32");
        Invocation c = curl("-m 1 11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(28);
        assertThat(c.stderr()).isEqualTo("curl: (28) Connection timed out after 1000 milliseconds\n");
    }

    @Test
    void withoutMaxTimeTheSynRetriesRunOutAfter127Seconds() {
        runner.run(w.podB, "ip route add blackhole 11.10.1.2/32");
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(28);
        assertThat(c.stderr()).matches(
            "curl: \\(28\\) Failed to connect to 11\\.10\\.2\\.2 port 8000 after 1270\\d\\d ms: Couldn't connect to server\n");
    }

    @Test
    void verboseTellsWhyTheConnectFailed() {
        Invocation c = curl("-v 11.10.2.2:8000");
        assertThat(c.stderr()).matches("""
            \\*   Trying 11.10.2.2:8000...
            \\* connect to 11.10.2.2 port 8000 from 11.10.1.2 port \\d+ failed: Connection refused
            \\* Failed to connect to 11.10.2.2 port 8000 after 0 ms: Couldn't connect to server
            \\* Closing connection
            curl: \\(7\\) Failed to connect to 11.10.2.2 port 8000 after 0 ms: Couldn't connect to server
            """);
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithBytesCounted() {
        Tcp.listen(w.podB, 8000, 16, s -> new TcpHandler() {
        });
        Invocation c = curl("-m 2.5 11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(28);
        assertThat(c.stderr())
            .isEqualTo("curl: (28) Operation timed out after 2500 milliseconds with 0 bytes received\n");
    }

    @Test
    void aServerThatClosesWithoutReplyingIsEmptyReply52() {
        Tcp.listen(w.podB, 8000, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                sock.close();
            }
        });
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(52);
        assertThat(c.stderr()).isEqualTo("curl: (52) Empty reply from server\n");
    }

    @Test
    void aResetMidResponseIs56AndWhatArrivedIsPrinted() {
        Tcp.listen(w.podB, 8000, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                byte[] part = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII);
                sock.send(part, 0, part.length);
                sock.abort();
            }
        });
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(56);
        assertThat(c.stderr()).isEqualTo("curl: (56) Recv failure: Connection reset by peer\n");
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheServerCloses() {
        Tcp.listen(w.podB, 8000, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                byte[] r = "HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6\r\n\r\nS1-W3".getBytes(StandardCharsets.US_ASCII);
                sock.send(r, 0, r.length);
                sock.close();
            }
        });
        Invocation c = curl("-v 11.10.2.2:8000");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("S1-W3");
        assertThat(c.stderr()).endsWith("""
            >\s
            * HTTP 1.0, assume close after body
            < HTTP/1.0 200 OK
            < Server: SimpleHTTP/0.6
            <\s
            * Closing connection
            """);
    }

    @Test
    void aShortBodyIsExit18() {
        Tcp.listen(w.podB, 8000, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                byte[] part = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII);
                sock.send(part, 0, part.length);
                sock.close();
            }
        });
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isEqualTo(18);
        assertThat(c.stdout()).isEqualTo("half");
        assertThat(c.stderr()).isEqualTo("curl: (18) transfer closed with 6 bytes remaining to read\n");
    }

    @Test
    void aChunkedBodyIsDecodedAndACutChunkedBodyIsExit18() {
        Tcp.listen(w.podB, 8000, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                byte[] r = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nS1-\r\n3\r\nW2\n\r\n0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
                sock.send(r, 0, r.length);
            }
        });
        Invocation c = curl("-i 11.10.2.2:8000");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nS1-W2\n");
        Tcp.listen(w.podB, 8001, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                byte[] r = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nhalf".getBytes(StandardCharsets.US_ASCII);
                sock.send(r, 0, r.length);
                sock.close();
            }
        });
        Invocation cut = curl("11.10.2.2:8001");
        assertThat(cut.exitCode()).isEqualTo(18);
        assertThat(cut.stdout()).isEqualTo("half");
        assertThat(cut.stderr()).isEqualTo("curl: (18) transfer closed with outstanding read data remaining\n");
    }

    @Test
    void wgetQuietToStdoutAsTheOriginalLabs() {
        s1w2();
        Invocation c = runner.run(w.podA, "wget -qO- 11.10.2.2:8000");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("S1-W2\n");
        Invocation refused = runner.run(w.podA, "wget -qO- 11.10.2.2:8001");
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.stderr()).isEmpty();
    }

    @Test
    void wgetExitsWith8OnAnHttpErrorAndCurlWith0() {
        new HttpServer(w.podB, 8000, req -> io.knetsim.app.http.HttpResponse.text(404, "Not Found", "nope\n")).start();
        Invocation wget = runner.run(w.podA, "wget -qO- 11.10.2.2:8000");
        assertThat(wget.exitCode()).isEqualTo(8);
        assertThat(wget.stdout()).isEmpty();
        Invocation c = curl("11.10.2.2:8000");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("nope\n");
        assertThat(runner.run(w.podA, "wget 11.10.2.2:8000").exitCode()).isEqualTo(2);
    }

    @Test
    void sameSeedSameOutput() {
        String a = transcript(11);
        assertThat(transcript(11)).isEqualTo(a);
    }

    private static String transcript(long seed) {
        TwoWorkerOverlay o = new TwoWorkerOverlay(seed, LinkConfig.DEFAULT);
        FixedMessageServer.start(o.podB, 8000, "S1-W2");
        ToolRegistry r = CoreTools.registry();
        Curl.registerAll(r);
        ToolRunner run = new ToolRunner(r, Path.of("."));
        StringBuilder sb = new StringBuilder();
        for (String line : new String[] {"curl -v -i 11.10.2.2:8000", "curl 11.10.2.2:8001", "ss -tan"}) {
            Invocation i = run.run(o.podA, line);
            sb.append(i.exitCode()).append(i.stdout()).append(i.stderr()).append(o.world.sim().now()).append('\n');
        }
        return sb.toString();
    }
}
