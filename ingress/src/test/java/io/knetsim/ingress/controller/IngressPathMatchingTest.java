package io.knetsim.ingress.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.Ingress;
import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.api.Ingress.IngressRule;
import io.knetsim.api.Ingress.IngressSpec;
import io.knetsim.api.ObjectMeta;
import io.knetsim.ingress.nginx.Location;
import io.knetsim.ingress.nginx.NginxConfWriter;
import io.knetsim.ingress.nginx.NginxConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes documentation's table of path-matching examples ("Examples" under "Path types"
 * of the Ingress concept page) and its host examples, as our own fixtures, answered by the
 * generated nginx configuration through the proxy's own location choice.
 *
 * <pre>
 *   Ingress paths ──IngressConfigGenerator──▶ NginxConfig ──locationFor(host, path)──▶ upstream default-pN-80
 * </pre>
 * Each path {@code N} of a fixture goes to Service {@code pN}; "no" means nginx's 404.
 */
class IngressPathMatchingTest {
    private static final IngressControllerConfig CFG = IngressControllerConfig.of("ingress", 80)
        .withUpstreams(UpstreamMode.SERVICE);

    /** A path spec: "Prefix /foo". */
    private static NginxConfig config(String... paths) {
        List<HTTPIngressPath> ps = new ArrayList<>();
        for (int i = 0; i < paths.length; i++) {
            String[] typeAndPath = paths[i].split(" ");
            ps.add(HTTPIngressPath.of(typeAndPath[1], typeAndPath[0], "p" + i, 80));
        }
        return generate(Ingress.of(ObjectMeta.of("default", "web"), new IngressSpec(null, null,
            List.of(IngressRule.of(null, ps.toArray(HTTPIngressPath[]::new))))));
    }

    private static NginxConfig generate(Ingress... ings) {
        return IngressConfigGenerator.generate(CFG, List.of(ings), List.of(), List.of());
    }

    /** Which path (p0, p1, ...) takes {@code request}, or "no". */
    private static String route(NginxConfig c, String host, String request) {
        Location l = c.locationFor(host, request);
        return l == null ? "no" : l.upstream().replace("default-", "").replace("-80", "");
    }

    private static String route(NginxConfig c, String request) {
        return route(c, null, request);
    }

    @Test
    void theDocumentationsTableOfExamples() {
        NginxConfig root = config("Prefix /");
        for (String any : List.of("/", "/foo", "/foo/bar", "/aaa/bbb/ccc")) {
            assertThat(route(root, any)).as(any).isEqualTo("p0");
        }
        NginxConfig exact = config("Exact /foo");
        assertThat(route(exact, "/foo")).isEqualTo("p0");
        assertThat(route(exact, "/bar")).isEqualTo("no");
        assertThat(route(exact, "/foo/")).isEqualTo("no");
        assertThat(route(config("Exact /foo/"), "/foo")).isEqualTo("no");
        for (String p : List.of("Prefix /foo", "Prefix /foo/")) {
            assertThat(route(config(p), "/foo")).as(p).isEqualTo("p0");
            assertThat(route(config(p), "/foo/")).as(p).isEqualTo("p0");
        }
        assertThat(route(config("Prefix /aaa/bb"), "/aaa/bbb")).isEqualTo("no");
        assertThat(route(config("Prefix /aaa/bbb"), "/aaa/bbb")).isEqualTo("p0");
        assertThat(route(config("Prefix /aaa/bbb/"), "/aaa/bbb")).as("ignores trailing slash").isEqualTo("p0");
        assertThat(route(config("Prefix /aaa/bbb"), "/aaa/bbb/")).as("matches trailing slash").isEqualTo("p0");
        assertThat(route(config("Prefix /aaa/bbb"), "/aaa/bbb/ccc")).as("matches subpath").isEqualTo("p0");
        assertThat(route(config("Prefix /aaa/bbb"), "/aaa/bbbxyz")).as("not a string prefix").isEqualTo("no");
        assertThat(route(config("Prefix /", "Prefix /aaa"), "/aaa/ccc")).isEqualTo("p1");
        NginxConfig three = config("Prefix /", "Prefix /aaa", "Prefix /aaa/bbb");
        assertThat(route(three, "/aaa/bbb")).isEqualTo("p2");
        assertThat(route(three, "/ccc")).isEqualTo("p0");
        assertThat(route(config("Prefix /aaa"), "/ccc")).as("uses default backend: none here").isEqualTo("no");
        // Mixed: Prefix /foo and Exact /foo: Exact is preferred, whatever the order.
        assertThat(route(config("Prefix /foo", "Exact /foo"), "/foo")).isEqualTo("p1");
        assertThat(route(config("Exact /foo", "Prefix /foo"), "/foo")).isEqualTo("p0");
        assertThat(route(config("Prefix /foo", "Exact /foo"), "/foo/x")).isEqualTo("p0");
    }

    @Test
    void theLongestMatchingPathWinsAndQueriesDoNotCount() {
        NginxConfig c = config("Prefix /foo", "Exact /foo/bar", "Prefix /foo/bar/baz");
        assertThat(route(c, "/foo/bar")).isEqualTo("p1");
        assertThat(route(c, "/foo/bar/")).isEqualTo("p0");
        assertThat(route(c, "/foo/bar/baz/q")).isEqualTo("p2");
        assertThat(route(c, "/foo/bar/bazz")).isEqualTo("p0");
        assertThat(route(c, "/foo?x=/foo/bar")).isEqualTo("p0");
    }

    @Test
    void implementationSpecificIsNginxsStringPrefixAsInIngressNginx() {
        NginxConfig c = config("ImplementationSpecific /foo");
        assertThat(route(c, "/foo")).isEqualTo("p0");
        assertThat(route(c, "/foobar")).isEqualTo("p0");
        assertThat(route(c, "/fo")).isEqualTo("no");
        NginxConfig bad = config("ImplementationSpecific /a{2}", "Prefix /b");
        assertThat(bad.locations()).hasSize(2);
        assertThat(route(bad, "/a{2}")).as("skipped, the rest applies").isEqualTo("no");
        assertThat(route(bad, "/b/c")).isEqualTo("p1");
    }

    @Test
    void theGeneratedLocationsAreShownByNginxT() {
        assertThat(NginxConfWriter.render(config("Prefix /foo/", "Exact /bar")).replaceAll("(?s)^.*?server \\{", "server {"))
            .isEqualTo("""
                server {
                    listen 80;

                    location = /foo {
                        proxy_pass http://default-p0-80;
                    }

                    location /foo/ {
                        proxy_pass http://default-p0-80;
                    }

                    location = /bar {
                        proxy_pass http://default-p1-80;
                    }
                }
                """);
    }

    @Test
    void hostsAreMatchedExactlyAndAWildcardTakesOneLabel() {
        Ingress ing = Ingress.of(ObjectMeta.of("default", "hosts"), new IngressSpec(null, null, List.of(
            IngressRule.of("foo.bar.com", HTTPIngressPath.of("/", "Prefix", "p0", 80)),
            IngressRule.of("*.foo.com", HTTPIngressPath.of("/", "Prefix", "p1", 80)),
            IngressRule.of(null, HTTPIngressPath.of("/", "Prefix", "p2", 80)))));
        NginxConfig c = generate(ing);
        assertThat(route(c, "foo.bar.com", "/x")).isEqualTo("p0");
        assertThat(route(c, "FOO.bar.com:8080", "/x")).as("case and port ignored").isEqualTo("p0");
        assertThat(route(c, "bar.foo.com", "/x")).isEqualTo("p1");
        assertThat(route(c, "baz.bar.foo.com", "/x")).as("a wildcard covers a single label").isEqualTo("p2");
        assertThat(route(c, "foo.com", "/x")).as("the wildcard needs a label").isEqualTo("p2");
        assertThat(route(c, "other.org", "/x")).isEqualTo("p2");
        assertThat(route(c, null, "/x")).isEqualTo("p2");
    }

    @Test
    void aHostsPathsAreItsOwnAndTheDefaultBackendTakesWhatNoRuleDoes() {
        Ingress ing = Ingress.of(ObjectMeta.of("default", "web"), new IngressSpec(null,
            Ingress.IngressBackend.service("fallback", 80), List.of(
            IngressRule.of("foo.bar.com", HTTPIngressPath.of("/api", "Prefix", "p0", 80)))));
        NginxConfig c = generate(ing);
        assertThat(route(c, "foo.bar.com", "/api/v1")).isEqualTo("p0");
        assertThat(route(c, "foo.bar.com", "/other")).as("nginx's server block has no such location").isEqualTo("no");
        assertThat(route(c, "x.org", "/other")).isEqualTo("fallback");
    }

    @Test
    void anIngressOfAnotherClassIsIgnoredAndTheOlderIngressKeepsAPath() {
        Ingress other = Ingress.of(ObjectMeta.of("default", "a"), new IngressSpec("traefik", null,
            List.of(IngressRule.of(null, HTTPIngressPath.of("/", "Prefix", "p9", 80)))));
        Ingress older = Ingress.of(ObjectMeta.of("default", "b"), new IngressSpec("nginx", null,
            List.of(IngressRule.of(null, HTTPIngressPath.of("/x", "Prefix", "p0", 80)))));
        Ingress newer = Ingress.of(ObjectMeta.of("default", "c"), new IngressSpec(null, null,
            List.of(IngressRule.of(null, HTTPIngressPath.of("/x", "Prefix", "p1", 80),
                HTTPIngressPath.of("/y", "Prefix", "p2", 80)))));
        NginxConfig c = generate(newer, other, older);
        assertThat(route(c, "/")).isEqualTo("no");
        assertThat(route(c, "/x")).isEqualTo("p0");
        assertThat(route(c, "/y/1")).isEqualTo("p2");
    }
}
