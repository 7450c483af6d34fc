package io.knetsim.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileTreeTest {
    private final FileTree fs = new FileTree();

    @Test
    void writingAFileMakesItsParentsAndListingIsSorted() {
        fs.write("/etc/cni/net.d/10-flannel.conflist", "{}");
        fs.write("/etc/cni/net.d/05-bridge.conf", "{\"type\":\"bridge\"}");
        assertThat(fs.isDirectory("/etc/cni")).isTrue();
        assertThat(fs.list("/etc/cni/net.d")).containsExactly("05-bridge.conf", "10-flannel.conflist");
        assertThat(fs.list("/")).containsExactly("etc");
        assertThat(fs.readString("/etc/cni/net.d/05-bridge.conf")).isEqualTo("{\"type\":\"bridge\"}");
        assertThat(fs.size("/etc/cni/net.d/10-flannel.conflist")).isEqualTo(2);
    }

    @Test
    void eachWriteStampsTheFileWithTheClock() {
        long[] now = {5};
        FileTree timed = new FileTree(() -> now[0]);
        timed.write("/srv/a.txt", "1");
        now[0] = 9;
        timed.write("/srv/b.txt", "2");
        assertThat(timed.modified("/srv/a.txt")).isEqualTo(5);
        assertThat(timed.modified("/srv/b.txt")).isEqualTo(9);
        timed.write("/srv/a.txt", "3");
        assertThat(timed.modified("//srv/./a.txt")).isEqualTo(9);
        assertThat(timed.modified("/srv")).isEqualTo(-1);
        timed.delete("/srv/a.txt");
        assertThat(timed.modified("/srv/a.txt")).isEqualTo(-1);
        assertThat(fs.modified("/nope")).isEqualTo(-1);
    }

    @Test
    void pathsAreNormalised() {
        fs.write("/var/lib/cni/networks/cbr0/10.244.1.2", "c1");
        assertThat(fs.readString("//var/lib/cni/../cni/./networks/cbr0/10.244.1.2")).isEqualTo("c1");
        assertThat(FileTree.normalize("/a/b/../../..")).isEqualTo("/");
        assertThatThrownBy(() -> FileTree.normalize("relative/x")).hasMessageContaining("not an absolute path");
    }

    @Test
    void deleteRemovesFilesAndOnlyEmptyDirectories() {
        fs.write("/run/flannel/subnet.env", "X=1\n");
        assertThat(fs.delete("/run/flannel")).isFalse();
        assertThat(fs.delete("/run/flannel/subnet.env")).isTrue();
        assertThat(fs.readString("/run/flannel/subnet.env")).isNull();
        assertThat(fs.delete("/run/flannel")).isTrue();
        assertThat(fs.exists("/run/flannel")).isFalse();
        assertThat(fs.delete("/")).isFalse();
    }

    @Test
    void aFileAndADirectoryCannotShareAPath() {
        fs.write("/run/x", "1");
        assertThatThrownBy(() -> fs.mkdirs("/run/x")).hasMessageContaining("File exists");
        assertThatThrownBy(() -> fs.write("/run", "2")).hasMessageContaining("Is a directory");
        assertThat(fs.readString("/run/x")).isEqualTo("1");
    }

    @Test
    void readReturnsACopy() {
        fs.write("/f", new byte[] {1, 2});
        fs.read("/f")[0] = 9;
        assertThat(fs.read("/f")).containsExactly(1, 2);
    }

    @Test
    void aDirectorysVersionChangesWithItsEntriesOnly() {
        fs.mkdirs("/var/lib/cni/networks/cbr0");
        long v0 = fs.version("/var/lib/cni/networks/cbr0");
        long parent = fs.version("/var/lib/cni/networks");
        fs.write("/var/lib/cni/networks/cbr0/10.244.1.2", "c1");
        long v1 = fs.version("/var/lib/cni/networks/cbr0");
        assertThat(v1).isNotEqualTo(v0);
        fs.write("/var/lib/cni/networks/cbr0/10.244.1.2", "c2");
        assertThat(fs.version("/var/lib/cni/networks/cbr0")).isNotEqualTo(v1);
        assertThat(fs.version("/var/lib/cni/networks")).isEqualTo(parent);
        long v2 = fs.version("/var/lib/cni/networks/cbr0");
        fs.readString("/var/lib/cni/networks/cbr0/10.244.1.2");
        assertThat(fs.version("/var/lib/cni/networks/cbr0")).isEqualTo(v2);
        fs.delete("/var/lib/cni/networks/cbr0/10.244.1.2");
        assertThat(fs.version("/var/lib/cni/networks/cbr0")).isNotEqualTo(v2);
        assertThat(fs.version("/nope")).isEqualTo(-1);
    }
}
