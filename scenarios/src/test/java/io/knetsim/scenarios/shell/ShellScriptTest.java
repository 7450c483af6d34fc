package io.knetsim.scenarios.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.knetsim.pcap.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell driven by a script on standard input, as {@code printf '...' | ./knetsim shell} does. */
class ShellScriptTest {
    private record Result(int exit, String out, String err) {
    }

    private static Result script(String input) throws Exception {
        return script(input, "overlay");
    }

    private static Result script(String input, String world) throws Exception {
        return script(input, world, Path.of("."));
    }

    private static Result script(String input, String world, Path workingDirectory) throws Exception {
        ShellCommand shell = new ShellCommand();
        shell.workingDirectory = workingDirectory;
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
        Result r = script("podA ping 11.10.2.2 &\npodB ping 11.10.1.2 &\nhostA ping 10.0.0.4 &\njobs\nrun 2500ms\n"
            + "kill %1\nkill %2\nkill %3\njobs\n");
        assertThat(r.out()).contains("[1] podA ping 11.10.2.2\n", "[1]   Running                 podA ping 11.10.2.2 &\n"
            + "[2]-  Running                 podB ping 11.10.1.2 &\n[3]+  Running                 hostA ping 10.0.0.4 &\n",
            "icmp_seq=3 ttl=62",
            "3 packets transmitted, 3 received, 0% packet loss");
        assertThat(r.out()).doesNotContain("icmp_seq=4");
        assertThat(r.exit()).isZero();
    }

    @Test
    void netListsEachNodesLinksAsMininetDoes() throws Exception {
        // Mininet: "h1 h1-eth0:s1-eth1"; an interface without a point-to-point peer is followed by a space
        Result r = script("net\n");
        assertThat(r.out()).isEqualTo("""
            hostA hostA-eth0:hostB-eth0 hostA-flannel.100:  hostA-cni0:  hostA-vethA:podA-eth0
            hostB hostB-eth0:hostA-eth0 hostB-flannel.100:  hostB-cni0:  hostB-vethB:podB-eth0
            podA podA-eth0:hostA-vethA
            podB podB-eth0:hostB-vethB
            """);
    }

    @Test
    void netOnTheDefaultWorldListsHostsThenPodsThenTheSwitch() throws Exception {
        Result r = script("net\nnodes\nC0/kube-system/coredns-686b6f8c67-cb8nv hostname\nC0/a/b/c hostname\n", "default");
        assertThat(r.out()).isEqualTo("""
            C0e1 C0e1-eth0:s0-C0e1
            C0e2 C0e2-eth0:s0-C0e2
            C0w1 C0w1-eth0:s0-C0w1 C0w1-flannel.100:  C0w1-cni0:  C0w1-vethe08265a6:C0/c1-eth0 \
            C0w1-vethca1be507:C0/kube-system/coredns-686b6f8c67-flshn-eth0 \
            C0w1-veth02aaac63:C0/kube-system/coredns-686b6f8c67-cb8nv-eth0
            C0w2 C0w2-eth0:s0-C0w2 C0w2-flannel.100:  C0w2-cni0:  C0w2-veth34e90fd9:C0/c2-eth0 \
            C0w2-vethbcfda5ee:C0/ic0-eth0 C0w2-vethca701855:C0/ic2-eth0
            C0w3 C0w3-eth0:s0-C0w3 C0w3-flannel.100:  C0w3-cni0:  C0w3-vethb68f0fe4:C0/c3-eth0 \
            C0w3-veth66a205c5:C0/c4-eth0 C0w3-veth9312ff49:C0/ic1-eth0 C0w3-veth59072a97:C0/ic3-eth0
            C1e1 C1e1-eth0:s0-C1e1
            C1e2 C1e2-eth0:s0-C1e2
            C1w1 C1w1-eth0:s0-C1w1 C1w1-flannel.100:  C1w1-cni0:  C1w1-vethb6f58b31:C1/c1-eth0
            C1w2 C1w2-eth0:s0-C1w2 C1w2-flannel.100:  C1w2-cni0:  C1w2-vethdcd40e09:C1/c2-eth0 \
            C1w2-vethea5b43ce:C1/kube-system/coredns-686b6f8c67-jkmpm-eth0
            C1w3 C1w3-eth0:s0-C1w3 C1w3-flannel.100:  C1w3-cni0:  C1w3-veth7a8a8fd2:C1/c3-eth0 \
            C1w3-vetha05354f9:C1/kube-system/coredns-686b6f8c67-sd6f6-eth0
            C0/c1 C0/c1-eth0:C0w1-vethe08265a6
            C0/c2 C0/c2-eth0:C0w2-veth34e90fd9
            C0/c3 C0/c3-eth0:C0w3-vethb68f0fe4
            C0/c4 C0/c4-eth0:C0w3-veth66a205c5
            C0/ic0 C0/ic0-eth0:C0w2-vethbcfda5ee
            C0/ic1 C0/ic1-eth0:C0w3-veth9312ff49
            C0/ic2 C0/ic2-eth0:C0w2-vethca701855
            C0/ic3 C0/ic3-eth0:C0w3-veth59072a97
            C0/kube-system/coredns-686b6f8c67-cb8nv C0/kube-system/coredns-686b6f8c67-cb8nv-eth0:C0w1-veth02aaac63
            C0/kube-system/coredns-686b6f8c67-flshn C0/kube-system/coredns-686b6f8c67-flshn-eth0:C0w1-vethca1be507
            C1/c1 C1/c1-eth0:C1w1-vethb6f58b31
            C1/c2 C1/c2-eth0:C1w2-vethdcd40e09
            C1/c3 C1/c3-eth0:C1w3-veth7a8a8fd2
            C1/kube-system/coredns-686b6f8c67-jkmpm C1/kube-system/coredns-686b6f8c67-jkmpm-eth0:C1w2-vethea5b43ce
            C1/kube-system/coredns-686b6f8c67-sd6f6 C1/kube-system/coredns-686b6f8c67-sd6f6-eth0:C1w3-vetha05354f9
            s0 s0-br0:  s0-C0e1:C0e1-eth0 s0-C0e2:C0e2-eth0 s0-C0w1:C0w1-eth0 s0-C0w2:C0w2-eth0 s0-C0w3:C0w3-eth0 \
            s0-C1e1:C1e1-eth0 s0-C1e2:C1e2-eth0 s0-C1w1:C1w1-eth0 s0-C1w2:C1w2-eth0 s0-C1w3:C1w3-eth0
            available nodes are: \n\
            C0e1 C0e2 C0w1 C0w2 C0w3 C1e1 C1e2 C1w1 C1w2 C1w3 s0
            coredns-686b6f8c67-cb8nv
            """);
        assertThat(r.err()).isEqualTo("*** Unknown pod: C0/a/b/c (expected CLUSTER/POD or CLUSTER/NAMESPACE/POD)\n");
    }

    /**
     * {@code tcpdump -w FILE &} writes a pcap file on the user's disk, relative to the directory
     * the shell was started in; {@code kill %1} stops it, which flushes and closes the file.
     *
     * <pre>
     *   c1 (C0w1) --ping--&gt; c2 (C0w2)     C0w1 eth0: VXLAN, UDP 8472, VNI 100 -&gt; ./under.pcap
     * </pre>
     */
    @Test
    void tcpdumpInTheBackgroundWritesAPcapThatWiresharkReads(@TempDir Path dir) throws Exception {
        Tshark tshark = Tshark.require("tcpdumpInTheBackgroundWritesAPcapThatWiresharkReads");
        Result r = script(String.join("\n",
            "C0w1 tcpdump -n -i eth0 -w under.pcap udp port 8472 &",
            "py C0w1.exec_container(\"c1\", \"ping -c 2 11.13.176.2\")",
            "jobs",
            "kill %1",
            "jobs",
            "kill %1",
            ""), "default", dir);
        assertThat(r.out()).contains("[1] C0w1 tcpdump -n -i eth0 -w under.pcap udp port 8472\n",
            "2 packets transmitted, 2 received, 0% packet loss",
            "[1]+  Running                 C0w1 tcpdump -n -i eth0 -w under.pcap udp port 8472 &\n");
        assertThat(r.err()).contains("tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length "
            + "262144 bytes\n", "4 packets captured\n", "*** kill: %1: no such job\n");
        assertThat(r.exit()).isEqualTo(1); // the second kill failed
        Path pcap = dir.resolve("under.pcap");
        assertThat(pcap).exists();
        List<List<String>> rows = tshark.fields(pcap, List.of("-d", "udp.port==8472,vxlan"),
            "ip.src", "ip.dst", "vxlan.vni", "icmp.type");
        assertThat(rows).containsExactly(
            List.of("10.0.0.3,11.15.64.2", "10.0.0.4,11.13.176.2", "100", "8"),
            List.of("10.0.0.4,11.13.176.2", "10.0.0.3,11.15.64.2", "100", "0"),
            List.of("10.0.0.3,11.15.64.2", "10.0.0.4,11.13.176.2", "100", "8"),
            List.of("10.0.0.4,11.13.176.2", "10.0.0.3,11.15.64.2", "100", "0"));
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

    /**
     * {@code kubectl create deployment} and {@code kubectl expose} at the prompt: a Service by
     * name through the cluster DNS and kube-proxy.
     *
     * <pre>
     *   C0/c1 --curl web--&gt; kube-dns 10.96.0.10 --&gt; web ClusterIP :80 --kube-proxy--&gt; web-... :8000
     * </pre>
     */
    @Test
    void kubectlExposesADeploymentAsAServiceThatPodsReachByName() throws Exception {
        Result r = script(String.join("\n",
            "kubectl create deployment web --image=knetsim/fixed-message --replicas=2 --port=8000",
            "kubectl expose deployment web --port=80 --target-port=8000",
            "kubectl expose deployment web --name=web2 --type=NodePort",
            "kubectl get service web web2 -o wide",
            "run 2s",
            "C0/c1 curl -s web",
            "kubectl describe service web2",
            "kubectl expose deployment nope --port=80",
            "kubectl expose deployment web --port=80",
            "kubectl expose pod c1 --port=80",
            ""), "default");
        assertThat(r.out()).contains("deployment.apps/web created\n", "service/web exposed\n", "service/web2 exposed\n");
        assertThat(r.out()).containsPattern("web +ClusterIP +10\\.[0-9.]+ +<none> +80/TCP +0s +app=web\n");
        assertThat(r.out()).containsPattern("web2 +NodePort +10\\.[0-9.]+ +<none> +8000:3\\d{4}/TCP +0s +app=web\n");
        assertThat(r.out()).containsPattern("\nweb-[a-z0-9]+-[a-z0-9]{5}\n");
        assertThat(r.out()).containsPattern("""
            Name:                     web2
            Namespace:                default
            Labels:                   app=web
            Annotations:              <none>
            Selector:                 app=web
            Type:                     NodePort
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       (10\\.[0-9.]+)
            IPs:                      \\1
            Port:                     <unset>  8000/TCP
            TargetPort:               8000/TCP
            NodePort:                 <unset>  3\\d{4}/TCP
            Endpoints:                11\\.[0-9.]+:8000,11\\.[0-9.]+:8000
            Session Affinity:         None
            External Traffic Policy:  Cluster
            Internal Traffic Policy:  Cluster
            Events:                   <none>
            """);
        assertThat(r.err()).contains("Error from server (NotFound): deployments.apps \"nope\" not found\n",
            "Error from server (AlreadyExists): services \"web\" already exists\n",
            "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and "
                + "cannot be exposed\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    /**
     * A capture still running when the script ends is stopped as the shell exits, and its file is
     * complete: the ping's request and reply, in VXLAN, on hostA's cable.
     */
    @Test
    void leavingTheShellStopsBackgroundJobsAndClosesTheirFiles(@TempDir Path dir) throws Exception {
        Tshark tshark = Tshark.require("leavingTheShellStopsBackgroundJobsAndClosesTheirFiles");
        Result r = script("hostA tcpdump -n -i eth0 -w cable.pcap udp port 8472 &\npodA ping -c 1 11.10.2.2\n",
            "overlay", dir);
        assertThat(r.err()).endsWith("2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n");
        assertThat(r.exit()).isZero();
        List<List<String>> rows = tshark.fields(dir.resolve("cable.pcap"), List.of("-d", "udp.port==8472,vxlan"),
            "icmp.type");
        assertThat(rows).containsExactly(List.of("8"), List.of("0"));
    }

    /** {@code kubectl apply -f} at the prompt reads a manifest on the user's disk, relative to the shell's directory. */
    @Test
    void kubectlAppliesAManifestFromTheUsersDisk(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        Result r = script("kubectl apply -f ns.yaml\nkubectl get namespace shop --no-headers\nkubectl apply -f none.yaml\n",
            "default", dir);
        assertThat(r.out()).contains("namespace/shop created\n", "shop   Active   0s\n");
        assertThat(r.err()).isEqualTo("error: the path \"none.yaml\" does not exist\n");
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
