package io.knetsim.tool.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.iproute.Labs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab: a static web server with {@code python3 -m http.server}, fetched with curl from the pod
 * next door. The clock is first moved to 22 Nov 2026 13:00:00 UTC (simulated seconds since the
 * Unix epoch), so dates read as they would on a real node.
 *
 * <pre>
 *   pod1 10.244.1.2  $ python3 -m http.server -d /srv &amp;       /srv: a.txt b.tar.gz data.json Docs/ sub/index.html Zeta.css
 *     |
 *   node cni0 10.244.1.1 (bridge)
 *     |
 *   pod2 10.244.1.3  $ curl -si 10.244.1.2:8000/
 * </pre>
 */
class PythonHttpServerLabTest {
    static final long NOV_22_2026_1300 = SimTime.seconds(1_795_352_400L);
    static final String DATE = "Sun, 22 Nov 2026 13:00:00 GMT";
    static final String LOG_TIME = "[22/Nov/2026 13:00:00]";

    private final World w = Labs.nodeWithPods();
    private final NetNamespace pod1 = w.namespace("pod1");
    private final NetNamespace pod2 = w.namespace("pod2");
    private final ToolRunner runner = new ToolRunner(CoreTools.registry(), Path.of("."));
    private Invocation server;

    @BeforeEach
    void files() {
        w.sim().runUntil(NOV_22_2026_1300);
        pod1.files().write("/srv/a.txt", "hello\n");
        pod1.files().write("/srv/b.tar.gz", new byte[3]);
        pod1.files().write("/srv/data.json", "{}\n");
        pod1.files().write("/srv/Zeta.css", "");
        pod1.files().write("/srv/sub/index.html", "<h1>sub</h1>\n");
        pod1.files().mkdirs("/srv/Docs");
    }

    private Invocation serve(String line) {
        server = runner.start(pod1, line);
        return server;
    }

    private Invocation curl(String args) {
        return runner.run(pod2, "curl " + args);
    }

    @Test
    void theServerAnnouncesItselfAndListsTheDirectory() {
        serve("python3 -m http.server -d /srv");
        assertThat(server.stdout()).isEqualTo("Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n");
        Invocation c = curl("-si 10.244.1.2:8000/");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("HTTP/1.0 200 OK\r\n"
            + "Server: SimpleHTTP/0.6 Python/3.12.3\r\n"
            + "Date: " + DATE + "\r\n"
            + "Content-type: text/html; charset=utf-8\r\n"
            + "Content-Length: 415\r\n"
            + "\r\n"
            + """
            <!DOCTYPE HTML>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Directory listing for /</title>
            </head>
            <body>
            <h1>Directory listing for /</h1>
            <hr>
            <ul>
            <li><a href="a.txt">a.txt</a></li>
            <li><a href="b.tar.gz">b.tar.gz</a></li>
            <li><a href="data.json">data.json</a></li>
            <li><a href="Docs/">Docs/</a></li>
            <li><a href="sub/">sub/</a></li>
            <li><a href="Zeta.css">Zeta.css</a></li>
            </ul>
            <hr>
            </body>
            </html>
            """);
        assertThat(server.stderr()).isEqualTo("10.244.1.3 - - " + LOG_TIME + " \"GET / HTTP/1.1\" 200 -\n");
        assertThat(server.finished()).isFalse();
    }

    @Test
    void aFileComesWithItsTypeLengthAndModificationTime() {
        w.sim().runUntil(NOV_22_2026_1300 + SimTime.seconds(90));
        pod1.files().write("/srv/a.txt", "hello, world\n");
        serve("python3 -m http.server -d /srv");
        w.sim().runUntil(NOV_22_2026_1300 + SimTime.seconds(120));
        Invocation c = curl("-si 10.244.1.2:8000/a.txt");
        assertThat(c.stdout()).isEqualTo("HTTP/1.0 200 OK\r\n"
            + "Server: SimpleHTTP/0.6 Python/3.12.3\r\n"
            + "Date: Sun, 22 Nov 2026 13:02:00 GMT\r\n"
            + "Content-type: text/plain\r\n"
            + "Content-Length: 13\r\n"
            + "Last-Modified: Sun, 22 Nov 2026 13:01:30 GMT\r\n"
            + "\r\n"
            + "hello, world\n");
        assertThat(contentType("/data.json")).isEqualTo("Content-type: application/json");
        assertThat(contentType("/Zeta.css")).isEqualTo("Content-type: text/css");
        assertThat(contentType("/b.tar.gz")).isEqualTo("Content-type: application/gzip");
    }

    private String contentType(String path) {
        return curl("-si 10.244.1.2:8000" + path).stdout().lines()
            .filter(l -> l.startsWith("Content-type")).findFirst().orElseThrow();
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        serve("python3 -m http.server -d /srv");
        Invocation c = curl("-si -X HEAD 10.244.1.2:8000/a.txt");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("HTTP/1.0 200 OK\r\n"
            + "Server: SimpleHTTP/0.6 Python/3.12.3\r\n"
            + "Date: " + DATE + "\r\n"
            + "Content-type: text/plain\r\n"
            + "Content-Length: 6\r\n"
            + "Last-Modified: " + DATE + "\r\n"
            + "\r\n");
        assertThat(server.stderr()).isEqualTo("10.244.1.3 - - " + LOG_TIME + " \"HEAD /a.txt HTTP/1.1\" 200 -\n");
    }

    @Test
    void aMissingFileIsTheErrorPageAndTheServerClosesAsAnHttp10ServerDoes() {
        serve("python3 -m http.server -d /srv");
        Invocation c = curl("-v 10.244.1.2:8000/nope");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("""
            <!DOCTYPE HTML>
            <html lang="en">
                <head>
                    <meta charset="utf-8">
                    <title>Error response</title>
                </head>
                <body>
                    <h1>Error response</h1>
                    <p>Error code: 404</p>
                    <p>Message: File not found.</p>
                    <p>Error code explanation: 404 - Nothing matches the given URI.</p>
                </body>
            </html>
            """);
        assertThat(c.stderr()).isEqualTo("""
            *   Trying 10.244.1.2:8000...
            * Connected to 10.244.1.2 (10.244.1.2) port 8000
            > GET /nope HTTP/1.1
            > Host: 10.244.1.2:8000
            > User-Agent: curl/8.5.0
            > Accept: */*
            >\s
            * HTTP 1.0, assume close after body
            < HTTP/1.0 404 File not found
            < Server: SimpleHTTP/0.6 Python/3.12.3
            < Date: Sun, 22 Nov 2026 13:00:00 GMT
            < Connection: close
            < Content-Type: text/html;charset=utf-8
            < Content-Length: 335
            <\s
            * Closing connection
            """);
        assertThat(server.stderr()).isEqualTo(""
            + "10.244.1.3 - - " + LOG_TIME + " code 404, message File not found\n"
            + "10.244.1.3 - - " + LOG_TIME + " \"GET /nope HTTP/1.1\" 404 -\n");
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedAndItsIndexServed() {
        serve("python3 -m http.server -d /srv");
        assertThat(curl("-si 10.244.1.2:8000/sub").stdout()).isEqualTo("HTTP/1.0 301 Moved Permanently\r\n"
            + "Server: SimpleHTTP/0.6 Python/3.12.3\r\n"
            + "Date: " + DATE + "\r\n"
            + "Location: /sub/\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n");
        assertThat(curl("-s 10.244.1.2:8000/sub/").stdout()).isEqualTo("<h1>sub</h1>\n");
        assertThat(curl("-s 10.244.1.2:8000/Docs/").stdout())
            .contains("<title>Directory listing for /Docs/</title>\n").contains("<ul>\n</ul>");
    }

    @Test
    void otherMethodsAre501() {
        serve("python3 -m http.server -d /srv");
        Invocation c = curl("-si -d x=1 10.244.1.2:8000/");
        assertThat(c.stdout()).startsWith("HTTP/1.0 501 Unsupported method ('POST')\r\n"
            + "Server: SimpleHTTP/0.6 Python/3.12.3\r\n"
            + "Date: " + DATE + "\r\n"
            + "Connection: close\r\n"
            + "Content-Type: text/html;charset=utf-8\r\n"
            + "Content-Length: 357\r\n"
            + "\r\n")
            .contains("        <p>Message: Unsupported method ('POST').</p>\n")
            .contains("        <p>Error code explanation: 501 - Server does not support this operation.</p>\n");
        assertThat(server.stderr()).isEqualTo(""
            + "10.244.1.3 - - " + LOG_TIME + " code 501, message Unsupported method ('POST')\n"
            + "10.244.1.3 - - " + LOG_TIME + " \"POST / HTTP/1.1\" 501 -\n");
    }

    @Test
    void namesAreQuotedInLinksAndEscapedInText() {
        pod1.files().write("/srv/x/my file&<1>.txt", "x");
        serve("python3 -m http.server -d /srv");
        assertThat(curl("-s 10.244.1.2:8000/x/").stdout())
            .contains("<li><a href=\"my%20file%26%3C1%3E.txt\">my file&amp;&lt;1&gt;.txt</a></li>\n");
        assertThat(curl("-s 10.244.1.2:8000/x/my%20file%26%3C1%3E.txt").stdout()).isEqualTo("x");
    }

    @Test
    void nothingOutsideTheDirectoryCanBeNamed() {
        SimpleHttpRequestHandler h = new SimpleHttpRequestHandler(w.sim(), pod1.files(), "/srv", s -> { });
        assertThat(h.translatePath("/../../etc/passwd")).isEqualTo("/srv/etc/passwd");
        assertThat(h.translatePath("/%2e%2e/a.txt?x=1#top")).isEqualTo("/srv/a.txt");
        assertThat(h.translatePath("/sub/")).isEqualTo("/srv/sub/");
    }

    @Test
    void withoutDashDItServesTheWorkingDirectorySlash() {
        serve("python3 -m http.server 8080");
        assertThat(server.stdout()).isEqualTo("Serving HTTP on 0.0.0.0 port 8080 (http://0.0.0.0:8080/) ...\n");
        assertThat(curl("-s 10.244.1.2:8080/").stdout()).contains("<li><a href=\"srv/\">srv/</a></li>\n");
        assertThat(curl("-s 10.244.1.2:8080/srv/a.txt").stdout()).isEqualTo("hello\n");
    }

    @Test
    void aRelativeDirectoryIsTakenFromSlash() {
        serve("python3 -m http.server --directory=srv --bind=0.0.0.0 8081");
        assertThat(server.stdout()).isEqualTo("Serving HTTP on 0.0.0.0 port 8081 (http://0.0.0.0:8081/) ...\n");
        assertThat(curl("-s 10.244.1.2:8081/a.txt").stdout()).isEqualTo("hello\n");
    }

    @Test
    void ctrlCEndsItWithPythonsMessageAndStatus0() {
        serve("python3 -m http.server -d /srv");
        server.interrupt();
        assertThat(server.stdout()).isEqualTo("Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n"
            + "\n"
            + "Keyboard interrupt received, exiting.\n");
        assertThat(server.exitCode()).isZero();
        Invocation c = curl("10.244.1.2:8000/");
        assertThat(c.exitCode()).isEqualTo(7);
    }

    @Test
    void aTakenPortIsErrno98() {
        serve("python3 -m http.server -d /srv");
        Invocation second = runner.run(pod1, "python3 -m http.server");
        assertThat(second.stdout()).isEmpty();
        assertThat(second.stderr()).isEqualTo("OSError: [Errno 98] Address already in use\n");
        assertThat(second.exitCode()).isEqualTo(1);
    }

    @Test
    void bindShowsTheAddressAndAForeignOneIsErrno99() {
        serve("python3 -m http.server --bind 10.244.1.2 9000");
        assertThat(server.stdout()).isEqualTo("Serving HTTP on 10.244.1.2 port 9000 (http://10.244.1.2:9000/) ...\n");
        Invocation foreign = runner.run(pod1, "python3 -m http.server -b 10.244.1.3");
        assertThat(foreign.stderr()).isEqualTo("OSError: [Errno 99] Cannot assign requested address\n");
        assertThat(foreign.exitCode()).isEqualTo(1);
    }

    @Test
    void badArgumentsGetArgparsesMessagesAndOtherUsesAreNotModelled() {
        String usage = "usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n";
        Invocation c = runner.run(pod1, "python3 -m http.server abc");
        assertThat(c.stderr()).isEqualTo(usage + "server.py: error: argument port: invalid int value: 'abc'\n");
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(runner.run(pod1, "python3 -m http.server 8000 9000").stderr())
            .isEqualTo(usage + "server.py: error: unrecognized arguments: 9000\n");
        assertThat(runner.run(pod1, "python3 -m http.server -b").stderr())
            .isEqualTo(usage + "server.py: error: argument -b/--bind: expected one argument\n");
        Invocation script = runner.run(pod1, "python3 app.py");
        assertThat(script.stderr()).isEqualTo("python3: knetsim models only 'python3 -m http.server [PORT] "
            + "[-b ADDRESS] [-d DIRECTORY]' (and --version): 'python3 app.py' is not modelled\n");
        assertThat(script.exitCode()).isEqualTo(2);
        assertThat(runner.run(pod1, "python3 --version").stdout()).isEqualTo("Python 3.12.3\n");
    }
}
