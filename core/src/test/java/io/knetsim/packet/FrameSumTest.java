package io.knetsim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.sim.SimRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Local checksum offload gives the same sum as reading every byte, for every kind of frame. */
class FrameSumTest {
    /** Ones' complement sums are equal when their folds are, with 0x0000 and 0xFFFF both zero. */
    private static int norm(long sum) {
        int f = Checksum.fold(sum);
        return f == 0xffff ? 0 : f;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void headerDerivedSumEqualsTheFullSum(long seed) {
        SimRandom r = new SimRandom(seed);
        for (int i = 0; i < 500; i++) {
            byte[] f = frame(r);
            assertThat(norm(FrameSum.of(f, 0, f.length))).as("frame %d", i).isEqualTo(norm(Checksum.sum(f, 0, f.length)));
        }
    }

    /** A valid frame: ICMP, UDP with and without checksum, TCP, a fragment, another protocol, or ARP. */
    private static byte[] frame(SimRandom r) {
        int kind = r.nextInt(7);
        int payload = r.nextInt(1400) + (kind == 3 ? 20 : 8);
        byte[] f = new byte[14 + 20 + payload];
        for (int k = 0; k < f.length; k++) {
            f[k] = (byte) r.nextInt();
        }
        if (kind == 6) {
            EthernetHeader.write(f, 0, 1, 2, EthernetHeader.TYPE_ARP);
            return f;
        }
        EthernetHeader.write(f, 0, r.nextLong() & 0xFFFF_FFFF_FFFFL, 2, EthernetHeader.TYPE_IPV4);
        int proto = switch (kind) {
            case 0 -> Ipv4Header.PROTO_ICMP;
            case 1, 2 -> Ipv4Header.PROTO_UDP;
            case 3, 4 -> Ipv4Header.PROTO_TCP;
            default -> 47;
        };
        boolean fragment = kind == 4;
        int src = r.nextInt();
        int dst = r.nextInt();
        Ipv4Header.write(f, 14, 0, 20 + payload, r.nextInt(65536), fragment ? Ipv4Header.FLAG_MF : 0, 64, proto, src, dst);
        int l4 = 34;
        if (fragment) {
            return f;
        }
        switch (proto) {
            case Ipv4Header.PROTO_ICMP -> IcmpHeader.fillChecksum(f, l4, payload);
            case Ipv4Header.PROTO_UDP -> {
                UdpHeader.write(f, l4, 1000, 2000, payload);
                if (kind == 1) {
                    UdpHeader.fillChecksum(f, l4, payload, src, dst);
                }
            }
            case Ipv4Header.PROTO_TCP -> {
                f[l4 + TcpHeader.DOFF] = 0x50;
                Bytes.put16(f, l4 + TcpHeader.CHECKSUM, 0);
                Bytes.put16(f, l4 + TcpHeader.CHECKSUM, Checksum.transport(src, dst, proto, f, l4, payload));
            }
            default -> {
            }
        }
        return f;
    }
}
