package io.knetsim.netfilter.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.netfilter.NfHook;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule VM programmed through its Java API, watched with ping.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2
 *        table ip t: chain out (hook output), chain in (hook input), regular chains a, b
 * </pre>
 */
class NftablesVmTest {
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");
    private final Shell sh = new Shell();
    private final Nftables nft = h1.nftables();
    private final Table t = nft.addTable(Family.IP, "t", false);

    private static final long H2 = 0x0a000002L;

    private Chain base(String name, NfHook hook, boolean drop) {
        return nft.addChain(t, name, new BaseChain(ChainType.FILTER, hook, 0, drop), false);
    }

    private static MatchStmt daddr(long addr) {
        return new MatchStmt(new PayloadExpr(PayloadExpr.Field.IP_DADDR), CmpOp.EQ, new Rhs.Value(addr));
    }

    @Test
    void aCounterOnTheOutputHookCountsEchoRequests() {
        Chain out = base("out", NfHook.OUTPUT, false);
        CounterStmt counter = new CounterStmt(0, 0);
        Rule r = nft.addRule(out, List.of(daddr(H2), counter), Nftables.Position.APPEND, 0);

        assertThat(sh.run(h1, "ping -c 3 10.0.0.2").exitCode()).isZero();

        assertThat(counter.packets()).isEqualTo(3);
        assertThat(counter.bytes()).isEqualTo(3 * 84);
        assertThat(r.handle()).isEqualTo(2);
        assertThat(r.format()).isEqualTo("ip daddr 10.0.0.2 counter packets 3 bytes 252");
    }

    @Test
    void dropPolicyAndDropRulesCountAsNfDrop() {
        Chain out = base("out", NfHook.OUTPUT, false);
        nft.addRule(out, List.of(daddr(H2), new VerdictStmt(NftVerdict.DROP)), Nftables.Position.APPEND, 0);

        assertThat(sh.run(h1, "ping -c 2 10.0.0.2").exitCode()).isEqualTo(1);
        assertThat(h1.drops().get(DropReason.NF_DROP)).isEqualTo(2);
    }

    @Test
    void jumpReturnAndGotoWalkTheChainsInOrder() {
        Chain in = base("in", NfHook.INPUT, true);
        Chain a = nft.addChain(t, "a", null, false);
        Chain b = nft.addChain(t, "b", null, false);
        CounterStmt inA = new CounterStmt(0, 0);
        CounterStmt afterReturn = new CounterStmt(0, 0);
        CounterStmt inB = new CounterStmt(0, 0);
        nft.addRule(a, List.of(inA, new VerdictStmt(NftVerdict.RETURN)), Nftables.Position.APPEND, 0);
        nft.addRule(b, List.of(inB, new VerdictStmt(NftVerdict.ACCEPT)), Nftables.Position.APPEND, 0);
        nft.addRule(in, List.of(new VerdictStmt(new NftVerdict(NftVerdict.Kind.JUMP, a))), Nftables.Position.APPEND, 0);
        nft.addRule(in, List.of(afterReturn, new VerdictStmt(new NftVerdict(NftVerdict.Kind.GOTO, b))),
            Nftables.Position.APPEND, 0);

        assertThat(sh.run(h1, "ping -c 1 10.0.0.2").exitCode()).isZero(); // policy drop, but b accepts

        assertThat(inA.packets()).isEqualTo(1);
        assertThat(afterReturn.packets()).isEqualTo(1);
        assertThat(inB.packets()).isEqualTo(1);
    }

    @Test
    void aJumpLoopIsRefusedAndNothingChanges() {
        Chain a = nft.addChain(t, "a", null, false);
        Chain b = nft.addChain(t, "b", null, false);
        nft.addRule(a, List.of(new VerdictStmt(new NftVerdict(NftVerdict.Kind.JUMP, b))), Nftables.Position.APPEND, 0);

        assertThatThrownBy(() -> nft.apply(n -> n.addRule(b,
            List.of(new VerdictStmt(new NftVerdict(NftVerdict.Kind.GOTO, a))), Nftables.Position.APPEND, 0)))
            .isInstanceOf(NftException.class)
            .hasMessage("Could not process rule: Too many levels of symbolic links");
        assertThat(b.rules()).isEmpty();
        Rule next = nft.addRule(b, List.of(new CounterStmt(0, 0)), Nftables.Position.APPEND, 0);
        assertThat(next.handle()).isEqualTo(4); // the refused rule used no handle
    }

    @Test
    void aBatchThatFailsHalfwayIsUndoneWhole() {
        assertThatThrownBy(() -> nft.apply(n -> {
            Chain c = n.addChain(t, "c", new BaseChain(ChainType.FILTER, NfHook.OUTPUT, 0, true), false);
            n.addRule(c, List.of(new CounterStmt(0, 0)), Nftables.Position.APPEND, 0);
            n.deleteRule(c, 99);
        })).hasMessage("Could not process rule: No such file or directory");

        assertThat(t.chains()).isEmpty();
        assertThat(h1.hooks().isEmpty(NfHook.OUTPUT)).isTrue();
        assertThat(sh.run(h1, "ping -c 1 10.0.0.2").exitCode()).isZero();
    }

    @Test
    void aVerdictMapOnAConcatenationClassifiesWithOneLookup() {
        Chain out = base("out", NfHook.OUTPUT, false);
        Chain icmp = nft.addChain(t, "icmp-to-h2", null, false);
        CounterStmt seen = new CounterStmt(0, 0);
        nft.addRule(icmp, List.of(seen, new VerdictStmt(NftVerdict.DROP)), Nftables.Position.APPEND, 0);
        NftSet m = new NftSet("__map0", true, List.of(DataType.IPV4_ADDR, DataType.INET_PROTO), DataType.VERDICT, false);
        for (int i = 0; i < 1000; i++) {
            m.add(List.of(0x0b000000L + i, 6L), NftVerdict.ACCEPT);
        }
        m.add(List.of(H2, 1L), new NftVerdict(NftVerdict.Kind.JUMP, icmp));
        ConcatExpr key = new ConcatExpr(List.of(new PayloadExpr(PayloadExpr.Field.IP_DADDR),
            new MetaExpr(MetaExpr.Key.L4PROTO)));
        nft.addRule(out, List.of(new VmapStmt(key, m)), Nftables.Position.APPEND, 0);

        assertThat(sh.run(h1, "ping -c 2 10.0.0.2").exitCode()).isEqualTo(1);

        assertThat(seen.packets()).isEqualTo(2);
        assertThat(h1.drops().get(DropReason.NF_DROP)).isEqualTo(2);
        assertThat(h2.drops().get(DropReason.NF_DROP)).isZero();
    }
}
