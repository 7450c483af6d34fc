package io.knetsim.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Go's path.Clean cases that etcd keys and file names meet. */
class CleanPathTest {
    @Test
    void cleansAsGoDoes() {
        assertThat(CleanPath.of("/")).isEqualTo("/");
        assertThat(CleanPath.of("/a/b")).isEqualTo("/a/b");
        assertThat(CleanPath.of("//a/./b/../c/")).isEqualTo("/a/c");
        assertThat(CleanPath.of("/../..")).isEqualTo("/");
        assertThat(CleanPath.of("a//b")).isEqualTo("/a/b");
        assertThat(CleanPath.of("/a/.../b")).isEqualTo("/a/.../b");
        assertThat(CleanPath.isClean("/a/b")).isTrue();
        assertThat(CleanPath.isClean("/a/b/")).isFalse();
        assertThat(CleanPath.isClean("a/b")).isFalse();
    }
}
