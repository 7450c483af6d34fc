package io.knetsim.tool.tcpdump;

import static io.knetsim.tool.tcpdump.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.packet.EthernetHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packet dumps ({@code -x -X -A}) and the UDP checksum verdicts of {@code -vv}, on frames
 * whose every byte is known.
 *
 * <pre>
 *   02:00:00:00:00:01 > 02:00:00:00:00:02, EtherType 0x88b5 (local experimental): "Hello, knetsim!\r\nline two\n"
 * </pre>
 */
class DumpAndChecksumPrintTest {
    private static final byte[] HELLO;

    static {
        byte[] text = "Hello, knetsim!\r\nline two\n".getBytes(StandardCharsets.US_ASCII);
        HELLO = new byte[14 + text.length];
        EthernetHeader.write(HELLO, 0, Frames.MAC2, Frames.MAC1, 0x88b5);
        System.arraycopy(text, 0, HELLO, 14, text.length);
    }

    private static String print(String opts, byte[] b) {
        return new PacketPrinter(TcpdumpOptions.parse(List.of(opts.split(" "))), i -> null).print(frame(b));
    }

    @Test
    void unknownEtherTypesShowTheLinkHeaderEvenWithoutE() {
        assertThat(print("-n -t", HELLO))
            .isEqualTo("02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x88b5), length 40: ");
    }

    @Test
    void hexAndAsciiDump() {
        assertThat(print("-n -t -X", HELLO)).isEqualTo(
            "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x88b5), length 40: "
                + "\n\t0x0000:  4865 6c6c 6f2c 206b 6e65 7473 696d 210d  Hello,.knetsim!."
                + "\n\t0x0010:  0a6c 696e 6520 7477 6f0a                 .line.two.");
        assertThat(print("-n -t -XX", HELLO)).contains(
            "\n\t0x0000:  0200 0000 0002 0200 0000 0001 88b5 4865  ..............He");
    }

    @Test
    void hexOnlyAndAsciiOnly() {
        assertThat(print("-n -t -x", HELLO)).endsWith(
            "\n\t0x0000:  4865 6c6c 6f2c 206b 6e65 7473 696d 210d\n\t0x0010:  0a6c 696e 6520 7477 6f0a");
        assertThat(print("-n -t -A", HELLO)).endsWith(": \nHello, knetsim!\nline two\n");
    }

    @Test
    void doubleVerboseChecksUdpChecksums() {
        byte[] good = Frames.udp("10.0.0.1", 5000, "10.0.0.2", 6000, 20);
        assertThat(print("-n -t -vv", good)).endsWith("10.0.0.1.5000 > 10.0.0.2.6000: [udp sum ok] UDP, length 20");
        assertThat(print("-n -t -v", good)).endsWith("10.0.0.1.5000 > 10.0.0.2.6000: UDP, length 20");
        byte[] none = good.clone();
        none[14 + 20 + 6] = 0;
        none[14 + 20 + 7] = 0;
        assertThat(print("-n -t -vv", none)).endsWith(": [no cksum] UDP, length 20");
        byte[] bad = good.clone();
        int stored = (good[40] & 0xff) << 8 | (good[41] & 0xff);
        bad[41] ^= 1;
        assertThat(print("-n -t -vv", bad)).endsWith(String.format(": [bad udp cksum 0x%04x -> 0x%04x!] UDP, length 20",
            stored ^ 1, stored));
    }
}
