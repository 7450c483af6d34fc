package io.knetsim.scenarios.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shell driven by a script on standard input, as {@code printf '...' | ./knetsim shell} does. */
class ShellScriptTest {
    private record Result(int exit, String out, String err) {
    }

    private static Result script(String input) throws Exception {
        return script(input, "overlay");
    }

    private static Result script(String input, String world) throws Exception {
        ShellCommand shell = new ShellCommand();
        shell.seedOption.seed = 1;
        shell.worldOption.world = world;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = shell.script(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandOnANodeRunsThereAndTheScriptSucceeds() throws Exception {
        Result r = script("podA ping -c 1 11.10.2.2\ntime\n");
        assertThat(r.out()).contains("64 bytes from 11.10.2.2: icmp_seq=1 ttl=62", "1 received, 0% packet loss",
            "simulated time: 0.002");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aFailingCommandMakesTheExitStatusOne() throws Exception {
        Result r = script("podA ping -c 1 -W 1 11.10.2.99\nnodes\n");
        assertThat(r.out()).contains("available nodes are: \nhostA hostB podA podB\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void unknownNodesAndMalformedInputAreExplained() throws Exception {
        Result r = script("podZ ping 1.2.3.4\nrun soon\nkill 1\npodA\npodA nosuchcommand\n");
        assertThat(r.err()).contains("*** Unknown command: podZ", "run: invalid duration 'soon'", "usage: kill %N",
            "*** Enter a command for node: podA <cmd>", "knetsim: nosuchcommand: command not found");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void backgroundJobsRunWhileTimePassesAndCanBeKilled() throws Exception {
        Result r = script("podA ping 11.10.2.2 &\njobs\nrun 2500ms\nkill %1\njobs\n");
        assertThat(r.out()).contains("[1] podA ping 11.10.2.2\n", "[1]   Running", "icmp_seq=3 ttl=62",
            "3 packets transmitted, 3 received, 0% packet loss");
        assertThat(r.out()).doesNotContain("icmp_seq=4");
        assertThat(r.exit()).isZero();
    }

    @Test
    void netListsEachNodesLinks() throws Exception {
        Result r = script("net\n");
        assertThat(r.out()).contains("podA eth0:hostA-vethA\n", "hostA eth0:hostB-eth0 flannel.100: cni0: vethA:podA-eth0\n");
    }

    @Test
    void exitStopsReadingAndDurationsParse() throws Exception {
        Result r = script("exit\npodA ping -c 1 -W 1 11.10.2.99\n");
        assertThat(r.exit()).isZero();
        assertThat(Session.parseDuration("1.5m")).isEqualTo(90_000_000_000L);
        assertThat(Session.parseDuration("250ms")).isEqualTo(250_000_000L);
        assertThat(Session.parseDuration("7")).isEqualTo(7_000_000_000L);
        assertThat(Session.parseDuration("-1s")).isNull();
    }

    @Test
    void theDefaultWorldOffersTheOriginalLabsPythonForms() throws Exception {
        Result r = script(String.join("\n",
            "nodes",
            "py C0w1.exec_container(\"c1\", \"hostname -I\")",
            "py C0w3.delete_container(\"c3\")",
            "py C0w3.exec_container(\"c3\", \"hostname\")",
            "py C0w1.create_container(\"c5\")",
            "py C0w1.exec_container(\"c5\", \"ping -c 1 11.13.176.2\")",
            "py C0w1.exec_container(\"c1\", \"ping -c 1 11.10.16.2\")",
            "py C9w1.exec_container(\"c1\", \"hostname\")",
            "py C0w1.exec_container(\"c1\")",
            "py C0w1.reboot()",
            "py C0w1.exec_container(\"c1\", \"hostname",
            ""), "default");
        assertThat(r.out()).contains(
            "available nodes are: \nC0e1 C0e2 C0w1 C0w2 C0w3 C1e1 C1e2 C1w1 C1w2 C1w3 s0\n",
            "11.15.64.2 \n\n",
            "container c3 is not running on c0w3\n",
            "64 bytes from 11.13.176.2: icmp_seq=1 ttl=62",
            "From 11.10.16.0 icmp_seq=1 Destination Host Unreachable", // c3 is gone, as in the original lab
            "name 'C9w1' is not defined\n",
            "exec_container() takes 3 positional arguments but 2 were given\n",
            "'Worker' object has no attribute 'reboot'\n",
            "unterminated string literal (detected at line 1) (<string>, line 1)\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void podsHaveAShortFormAndKubectlTakesAContext() throws Exception {
        Result r = script(String.join("\n",
            "C0/c1 ip -br addr show dev eth0",
            "C1/c2 hostname",
            "kubectl get nodes --no-headers",
            "kubectl --context C1 get pods --no-headers -o name",
            "C0/c9 ip addr",
            "kubectl --context=C7 get pods",
            ""), "default");
        assertThat(r.out()).contains(
            "eth0@if5         UP             11.15.64.2/20 \n",
            "c2\n",
            "c0w1   Ready   <none>   1s    v1.31.0\n", // --no-headers: columns sized to the rows alone
            "pod/c1\npod/c2\npod/c3\n");
        assertThat(r.err()).contains("*** Unknown pod: C0/c9 (no running pod c9 in cluster C0)\n",
            "error: context \"C7\" does not exist\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void theDefaultWorldRunsKubeProxyAndTheClusterDns() throws Exception {
        Result r = script(String.join("\n",
            "C0/c1 cat /etc/resolv.conf",
            "C0/c1 nslookup kube-dns.kube-system",
            "kubectl --context C1 get pods -n kube-system --no-headers -o name",
            ""), "default");
        assertThat(r.out()).contains(
            "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n"
                + "options ndots:5\n",
            "Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n");
        assertThat(r.out()).containsPattern("pod/coredns-[a-z0-9]+-[a-z0-9]{5}\npod/coredns-[a-z0-9]+-[a-z0-9]{5}\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void kubectlExposeMakesAServiceAndABareBodyStillEndsItsLine() throws Exception {
        Result r = script(String.join("\n",
            "kubectl create deployment h --image=registry.k8s.io/serve_hostname",
            "kubectl expose deployment h --port=80 --target-port=9376",
            "run 1s",
            "C0/c1 curl -s h",
            "time",
            ""), "default");
        assertThat(r.out()).contains("service/h exposed\n");
        // serve_hostname answers the pod's name with no newline; the shell ends the line before
        // the next output (the next prompt, at a terminal), as zsh does
        assertThat(r.out()).containsPattern("\nh-[a-z0-9]+-[a-z0-9]{5}\nsimulated time: ");
        assertThat(r.exit()).isZero();
    }
}
