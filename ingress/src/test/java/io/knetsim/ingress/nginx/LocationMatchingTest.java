package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which location nginx picks, first as a table, then through a running proxy:
 *
 * <pre>
 *   location /          -&gt; up1 "root"
 *   location /svc1      -&gt; up2 "svc1"
 *   location /svc1/api  -&gt; up3 "api"
 *   location = /svc1    -&gt; up3 "exact"    (= wins over every prefix)
 * </pre>
 */
class LocationMatchingTest {
    private static final List<Location> LOCATIONS = List.of(
        Location.prefix("/", "10.0.0.11:8000"),
        Location.prefix("/svc1", "10.0.0.12:8000"),
        Location.prefix("/svc1/api", "10.0.0.13:8000"),
        Location.exact("/svc1", "10.0.0.13:8001"));

    private static String pick(String target) {
        Location l = LocationMatcher.match(LOCATIONS, LocationMatcher.normalize(target));
        return l == null ? null : l.match().modifier() + l.path();
    }

    @Test
    void theLongestPrefixWinsAndAnExactMatchBeatsThemAll() {
        assertThat(pick("/")).isEqualTo("/");
        assertThat(pick("/index.html")).isEqualTo("/");
        assertThat(pick("/svc1")).isEqualTo("= /svc1");
        assertThat(pick("/svc1/")).isEqualTo("/svc1");
        assertThat(pick("/svc1/x")).isEqualTo("/svc1");
        assertThat(pick("/svc10")).as("prefixes compare as strings, not path elements").isEqualTo("/svc1");
        assertThat(pick("/svc1/api")).isEqualTo("/svc1/api");
        assertThat(pick("/svc1/api/v1")).isEqualTo("/svc1/api");
        assertThat(pick("/svc1/apix")).isEqualTo("/svc1/api");
        assertThat(pick("/svc2")).isEqualTo("/");
        assertThat(pick("/SVC1")).as("case-sensitive").isEqualTo("/");
    }

    @Test
    void theQueryIsIgnoredEscapesAreDecodedAndSlashesMerged() {
        assertThat(pick("/svc1?x=1")).isEqualTo("= /svc1");
        assertThat(pick("/%73vc1/api")).isEqualTo("/svc1/api");
        assertThat(pick("//svc1//api")).isEqualTo("/svc1/api");
        assertThat(pick("http://example.com/svc1/api")).isEqualTo("/svc1/api");
    }

    @Test
    void withoutARootLocationAnUnmatchedUriHasNoLocation() {
        List<Location> two = List.of(Location.prefix("/svc1", "10.0.0.12:8000"), Location.exact("/x", "10.0.0.12:8000"));
        assertThat(LocationMatcher.match(two, "/svc")).isNull();
        assertThat(LocationMatcher.match(two, "/x/y")).isNull();
        assertThat(LocationMatcher.match(two, "/svc1x").path()).isEqualTo("/svc1");
    }

    @Test
    void throughTheProxyEachPathReachesItsUpstream() {
        ProxyLab lab = new ProxyLab();
        lab.recorder(lab.up1, 8000, "root");
        lab.recorder(lab.up2, 8000, "svc1");
        lab.recorder(lab.up3, 8000, "api");
        lab.recorder(lab.up3, 8001, "exact");
        NginxProxy.start(lab.proxy, NginxConfig.of("grp1", 8001, LOCATIONS));

        assertThat(lab.body("/svc1")).isEqualTo("exact");
        assertThat(lab.body("/svc1/")).isEqualTo("svc1");
        assertThat(lab.body("/svc1/api/v1")).isEqualTo("api");
        assertThat(lab.body("/other")).isEqualTo("root");
        assertThat(lab.received).extracting(r -> r.target())
            .containsExactly("/svc1", "/svc1/", "/svc1/api/v1", "/other");
    }

    @Test
    void theHostHeaderPicksTheServerBlockFirstThenTheLocationWithinIt() {
        List<Location> ls = List.of(Location.prefix("/", "10.0.0.1:80"),
            Location.prefix("/", "10.0.0.2:80").withServerName("foo.com"),
            Location.prefix("/a", "10.0.0.3:80").withServerName("*.foo.com"));
        assertThat(LocationMatcher.match(ls, "foo.com:8080", "/x").upstream()).isEqualTo("10.0.0.2:80");
        assertThat(LocationMatcher.match(ls, "Bar.Foo.com", "/a/b").upstream()).isEqualTo("10.0.0.3:80");
        assertThat(LocationMatcher.match(ls, "bar.foo.com", "/x")).as("no fall-through to other blocks").isNull();
        assertThat(LocationMatcher.match(ls, "a.bar.foo.com", "/x").upstream()).isEqualTo("10.0.0.1:80");
        assertThat(LocationMatcher.match(ls, null, "/x").upstream()).isEqualTo("10.0.0.1:80");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Location.prefix("/", "u").withServerName("Foo Bar"))
            .hasMessage("location /: invalid server_name \"Foo Bar\" (expected a host name or *.domain)");
    }
}
