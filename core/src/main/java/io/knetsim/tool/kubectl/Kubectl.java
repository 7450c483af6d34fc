package io.knetsim.tool.kubectl;

import io.knetsim.api.ApiException;
import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl}, talking to the API server of the cluster the host belongs to (found in the
 * world's {@link ClusterDirectory}; on a host of no cluster every command fails with kubectl's
 * {@code The connection to the server localhost:8080 was refused - did you specify the right
 * host or port?} and status 1).
 * <pre>
 * kubectl get TYPE [NAME...] [-n NS | -A] [-l SEL] [--field-selector SEL] [-o wide|yaml|json|name]
 *             [--show-labels] [--no-headers]
 * kubectl describe pod|node|deployment|service NAME
 * kubectl create deployment NAME --image=IMG [--replicas=N] [--port=P] | create namespace NAME | create -f FILE
 * kubectl apply -f FILE          kubectl delete TYPE NAME... | delete -f FILE
 * kubectl scale deployment NAME --replicas=N
 * kubectl expose deployment|rs|pod|svc NAME [--port=P] [--target-port=P|NAME] [--type=NodePort] [--name=N]
 * kubectl run NAME --image=IMG [--port=P] [--restart=Never] [--labels=k=v,...]
 * kubectl exec POD [-c CONTAINER] -- CMD ARGS...
 * kubectl version | cluster-info
 * </pre>
 * Every command is one request round trip to the API server: it exits {@link #ROUND_TRIP}
 * of simulated time after it started, so what the change sets off at once (the Deployment and
 * ReplicaSet controllers, the scheduler, the kubelet starting the pod) has happened when the
 * prompt returns. Errors print as kubectl prints them and exit 1. Versions: client and server
 * both report {@link #CLIENT_VERSION} (kubectl 1.31, with its bundled kustomize).
 */
public final class Kubectl implements Command {
    /** The kubectl release modelled. */
    public static final String CLIENT_VERSION = "v1.31.0";
    /** The API server (and kubelet) release reported. */
    public static final String SERVER_VERSION = "v1.31.0";
    /** The kustomize bundled with kubectl 1.31. */
    public static final String KUSTOMIZE_VERSION = "v5.4.2";
    /** How long one kubectl command takes: one request round trip to the API server. */
    public static final long ROUND_TRIP = io.knetsim.sim.SimTime.ms(1);

    /** Flags that take a value, to find the subcommand among flags given before it. */
    private static final Set<String> VALUE_FLAGS = Set.of("-n", "--namespace", "-l", "--selector", "-o", "--output",
        "-f", "--filename", "-c", "--container", "--field-selector", "--image", "--replicas", "--port", "--restart",
        "--labels", "--target-port", "--type", "--name", "--protocol", "--cluster-ip");

    /** Registers {@code kubectl}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Kubectl());
    }

    @Override
    public String name() {
        return "kubectl";
    }

    @Override
    public String synopsis() {
        return "kubectl get|describe|create|apply|delete|scale|expose|run|exec|version|cluster-info ...: "
            + "the Kubernetes command line, to the API server of this host's cluster";
    }

    @Override
    public void start(Invocation inv) {
        List<String> words = inv.args();
        String sub = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (sub == null && w.equals("--")) {
                break;
            }
            if (sub == null && !w.startsWith("-")) {
                sub = w;
                continue;
            }
            rest.add(w);
            if (sub == null && VALUE_FLAGS.contains(w) && i + 1 < words.size()) {
                rest.add(words.get(++i));
            }
        }
        if (sub == null) {
            inv.println("kubectl controls the Kubernetes cluster manager.\n\n" + synopsis());
            inv.exit(0);
            return;
        }
        ClusterDirectory.Member member = ClusterDirectory.of(inv.ns().world()).forHost(inv.ns()).orElse(null);
        if (sub.equals("version")) {
            inv.println("Client Version: " + CLIENT_VERSION);
            inv.println("Kustomize Version: " + KUSTOMIZE_VERSION);
            if (member == null) {
                throw new UsageException(KubectlErrors.NO_SERVER, 1);
            }
            inv.println("Server Version: " + SERVER_VERSION);
            finish(inv, 0);
            return;
        }
        if (!Set.of("get", "describe", "create", "apply", "delete", "scale", "expose", "run", "exec", "cluster-info")
            .contains(sub)) {
            throw new UsageException("error: unknown command \"" + sub + "\" for \"kubectl\"", 1);
        }
        if (member == null) {
            throw new UsageException(KubectlErrors.NO_SERVER, 1);
        }
        KubectlSession s = new KubectlSession(inv, member);
        int status;
        try {
            status = switch (sub) {
                case "get" -> s.get(rest);
                case "describe" -> s.describe(rest);
                case "create" -> s.create(rest);
                case "apply" -> s.apply(rest);
                case "delete" -> s.delete(rest);
                case "scale" -> s.scale(rest);
                case "expose" -> s.expose(rest);
                case "run" -> s.run(rest);
                case "exec" -> s.exec(rest);
                default -> s.clusterInfo(rest);
            };
        } catch (ApiException e) {
            throw new UsageException(KubectlErrors.message(e), 1);
        }
        if (status >= 0) {
            finish(inv, status);
        }
    }

    /** Exits with {@code status} after one round trip to the API server. */
    static void finish(Invocation inv, int status) {
        inv.sim().after(ROUND_TRIP, () -> inv.exit(status));
    }

    static ApiServer api(ClusterDirectory.Member m) {
        return m.api();
    }
}
