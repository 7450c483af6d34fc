package io.knetsim.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.Container;
import io.knetsim.api.EnvVar;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.curl.Curl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each built-in image started in podB and reached with curl from podA across the overlay.
 * <pre>
 *   podA 11.10.1.2  $ curl 11.10.2.2:PORT        podB 11.10.2.2  (the image's application)
 *     |                                            |
 *   hostA cni0 -- flannel.100 ===== vni 100 ===== flannel.100 -- cni0 hostB
 * </pre>
 */
class ImageCatalogTest {
    private final TwoWorkerOverlay w = new TwoWorkerOverlay(7, LinkConfig.DEFAULT);
    private final ImageCatalog catalog = ImageCatalog.builtin();
    private final ToolRunner runner;

    ImageCatalogTest() {
        ToolRegistry r = CoreTools.registry();
        Curl.registerAll(r);
        runner = new ToolRunner(r, Path.of("."));
    }

    private AppHandle start(Container c) {
        PullResult r = catalog.pull(c.image());
        assertThat(r).isInstanceOf(PullResult.Pulled.class);
        return ((PullResult.Pulled) r).app().start(new AppContext(w.podB, "hostnames-5d8c7b9f6-x2kqz", "default", c));
    }

    private Invocation curl(String args) {
        return runner.run(w.podA, "curl " + args);
    }

    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx:latest",
        "nginx:1.25, docker.io/library/nginx:1.25",
        "docker.io/library/nginx:latest, docker.io/library/nginx:latest",
        "knetsim/fixed-message, docker.io/knetsim/fixed-message:latest",
        "registry.k8s.io/serve_hostname, registry.k8s.io/serve_hostname:latest",
        "localhost:5000/team/app:v2, localhost:5000/team/app:v2"})
    void referencesAreNormalizedAsContainerdDoes(String ref, String normalized) {
        assertThat(ImageReference.parse(ref)).hasToString(normalized);
    }

    @Test
    void badReferences() {
        assertThatThrownBy(() -> ImageReference.parse("Nginx")).hasMessage("invalid reference format: repository name must be lowercase");
        assertThatThrownBy(() -> ImageReference.parse("nginx:")).hasMessage("invalid reference format");
        assertThatThrownBy(() -> ImageReference.parse("")).hasMessage("invalid reference format");
    }

    @Test
    void serveHostnameAnswersThePodName() {
        start(Container.of("hostnames", "registry.k8s.io/serve_hostname", 9376));
        Invocation c = curl("-s 11.10.2.2:9376");
        assertThat(c.exitCode()).isZero();
        assertThat(c.stdout()).isEqualTo("hostnames-5d8c7b9f6-x2kqz");
    }

    @Test
    void nginxServesItsWelcomePageAnd404() {
        start(Container.of("web", "nginx:1.25", 80));
        Invocation c = curl("-s 11.10.2.2");
        assertThat(c.stdout()).isEqualTo(NginxApp.INDEX_HTML).startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>");
        assertThat(NginxApp.INDEX_HTML.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(615);
        Invocation head = curl("-si 11.10.2.2/index.html");
        assertThat(head.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/html\r\nContent-Length: 615\r\n");
        assertThat(curl("-s 11.10.2.2/missing").stdout()).isEqualTo("<html>\r\n<head><title>404 Not Found</title></head>\r\n"
            + "<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n");
    }

    @Test
    void fixedMessageTakesItsMessageAndPortFromArgsOrEnv() {
        AppHandle h = start(Container.of("s1", "knetsim/fixed-message").withArgs(List.of("--message", "S1-W2", "--port=8000")));
        assertThat(curl("-s 11.10.2.2:8000").stdout()).isEqualTo("S1-W2\n");
        h.stop();
        assertThat(curl("-s 11.10.2.2:8000").exitCode()).as("stopped: connection refused").isEqualTo(7);
        start(Container.of("s2", "knetsim/fixed-message:v1").withEnv(List.of(new EnvVar("MESSAGE", "S2-W3"),
            new EnvVar("PORT", "8080"))));
        assertThat(curl("-s 11.10.2.2:8080").stdout()).isEqualTo("S2-W3\n");
        assertThatThrownBy(() -> start(Container.of("s3", "knetsim/fixed-message").withArgs(List.of("--colour", "red"))))
            .hasMessage("fixed-message: unknown option --colour (expected --message or --port)");
    }

    @Test
    void busyboxRunsNoServer() {
        AppHandle h = start(Container.of("sh", "busybox"));
        assertThat(curl("-s 11.10.2.2:80").exitCode()).isEqualTo(7);
        h.stop();
    }

    @Test
    void unknownImageIsAPullFailureWithTheKubeletsMessages() {
        PullResult r = catalog.pull("nginxx");
        assertThat(r).isEqualTo(new PullResult.Failed("nginxx", "ErrImagePull", "Failed",
            "Failed to pull image \"nginxx\": rpc error: code = NotFound desc = failed to pull and unpack image "
                + "\"docker.io/library/nginxx:latest\": failed to resolve reference \"docker.io/library/nginxx:latest\": "
                + "pull access denied, repository does not exist or may require authorization: server message: "
                + "insufficient_scope: authorization failed"));
        assertThat(((PullResult.Failed) catalog.pull("registry.k8s.io/nope:1.0")).eventMessage()).isEqualTo(
            "Failed to pull image \"registry.k8s.io/nope:1.0\": rpc error: code = NotFound desc = failed to pull and "
                + "unpack image \"registry.k8s.io/nope:1.0\": failed to resolve reference \"registry.k8s.io/nope:1.0\": "
                + "registry.k8s.io/nope:1.0: not found");
        assertThat(catalog.pull("Nginx")).isEqualTo(new PullResult.Failed("Nginx", "InvalidImageName", "InspectFailed",
            "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: "
                + "repository name must be lowercase"));
        assertThat(catalog.contains("docker.io/library/busybox:1.36")).isTrue();
    }
}
