package io.knetsim.scenarios.shell;

import io.knetsim.cni.kubelet.Worker;
import io.knetsim.ingress.IngressRoute;
import io.knetsim.ingress.Ingresses;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.tool.Invocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The original labs' Python forms at the prompt, as Mininet's {@code py} evaluates them:
 *
 * <pre>
 *   knetsim> py C0w1.exec_container("c1", "ping -c 3 11.10.32.2")   the command's output
 *   knetsim> py C0w3.delete_container("c3")                            nothing (None)
 *   knetsim> py C0w1.create_container("c5")                            nothing (None)
 *   knetsim> py C0w3.exec_container_async("c4", "python3 -m http.server 80")
 *   knetsim> py C0.get("w1").run_ingress("grp2", 8002, [{"path": "/svc1", "endpoint": "100.64.11.1:8000"}])
 * </pre>
 *
 * Only these calls on a worker ({@code C<n>w<m>}, or {@code C<n>.get("w<m>")} as the original's
 * {@code Cluster.get}) are understood, with Python string, integer, list and dict literals as
 * arguments. {@code run_ingress} starts an nginx-like proxy on the worker
 * ({@link Ingresses#run}). Like Mininet, a string result is printed with a newline after it, and
 * an error is printed as Python's exception text.
 */
public final class PyForms {
    /** An expression that failed, with the text Python would print for it. */
    public static final class PyError extends Exception {
        public PyError(String message) {
            super(message);
        }
    }

    private final ClusterWorld clusters;

    public PyForms(ClusterWorld clusters) {
        this.clusters = clusters;
    }

    /** Evaluates one expression; returns what {@code py} prints (null for None). */
    public String eval(String expr) throws PyError {
        PyParser.Call call = PyParser.parse(expr);
        Object target = resolve(call.target());
        for (PyParser.Step step : call.via()) {
            target = step(target, step);
        }
        if (target == null) {
            throw new PyError("'NoneType' object has no attribute '" + call.method() + "'");
        }
        if (target instanceof Worker w) {
            return onWorker(w, call);
        }
        Cluster c = (Cluster) target;
        if (call.method().equals("kp_vip_add")) {
            throw new PyError("kp_vip_add: static service VIPs are not modelled yet in cluster " + c.name()
                + " (they arrive with kube-proxy and the services issue)");
        }
        throw new PyError("'Cluster' object has no attribute '" + call.method() + "'");
    }

    /** {@code Cluster.get("w1")}: the worker {@code C0w1}, or None when there is none (as the original). */
    private Object step(Object target, PyParser.Step step) throws PyError {
        if (target instanceof Cluster c && step.method().equals("get")) {
            if (step.args().size() != 1 || !(step.args().get(0) instanceof String name)) {
                throw new PyError("get() takes 2 positional arguments but " + (step.args().size() + 1) + " were given");
            }
            for (Worker w : c.workers()) {
                if (w.host().name().equals(c.name() + name)) {
                    return w;
                }
            }
            return null;
        }
        String type = target == null ? "NoneType" : target instanceof Worker ? "Worker" : "Cluster";
        throw new PyError("'" + type + "' object has no attribute '" + step.method() + "'");
    }

    private Object resolve(String name) throws PyError {
        for (Cluster c : clusters.clusters()) {
            if (name.equals(c.name())) {
                return c;
            }
            for (Worker w : c.workers()) {
                if (name.equals(w.host().name())) {
                    return w;
                }
            }
        }
        throw new PyError("name '" + name + "' is not defined");
    }

    private String onWorker(Worker w, PyParser.Call call) throws PyError {
        List<Object> a = call.args();
        switch (call.method()) {
            case "exec_container" -> {
                String name = string(call, a, 0, 2);
                Invocation inv;
                try {
                    inv = w.execContainer(name, string(call, a, 1, 2));
                } catch (IllegalArgumentException e) {
                    throw new PyError(e.getMessage());
                }
                return inv.stdout() + inv.stderr();
            }
            case "exec_container_async" -> {
                String name = string(call, a, 0, 2);
                try {
                    w.execContainerAsync(name, string(call, a, 1, 2));
                } catch (IllegalArgumentException e) {
                    throw new PyError(e.getMessage());
                }
                return null;
            }
            case "create_container" -> {
                String name = string(call, a, 0, 1);
                try {
                    w.createContainer(name);
                } catch (RuntimeException e) {
                    throw new PyError(e.getMessage());
                }
                return null;
            }
            case "delete_container" -> {
                String name = string(call, a, 0, 1);
                try {
                    w.deleteContainer(name);
                } catch (RuntimeException e) {
                    throw new PyError(e.getMessage());
                }
                return null;
            }
            case "run_ingress" -> {
                runIngress(w, call);
                return null;
            }
            default -> throw new PyError("'Worker' object has no attribute '" + call.method() + "'");
        }
    }

    /** {@code run_ingress(name, port, [{"path": ..., "endpoint": ...}, ...])}. */
    private static void runIngress(Worker w, PyParser.Call call) throws PyError {
        List<Object> a = call.args();
        if (a.size() != 3) {
            throw new PyError("run_ingress() takes 4 positional arguments but " + (a.size() + 1) + " were given");
        }
        if (!(a.get(0) instanceof String name) || !(a.get(1) instanceof Long port) || !(a.get(2) instanceof List<?> list)) {
            throw new PyError("run_ingress(): expected (name: str, port: int, routes: list of "
                + "{\"path\": str, \"endpoint\": str})");
        }
        List<IngressRoute> routes = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof java.util.Map<?, ?> m) || !(m.get("path") instanceof String path)
                || !(m.get("endpoint") instanceof String endpoint)) {
                throw new PyError("run_ingress(): each route must be {\"path\": str, \"endpoint\": str}, got " + repr(o));
            }
            routes.add(IngressRoute.of(path, endpoint));
        }
        try {
            Ingresses.run(w.host(), name, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, port)), routes);
        } catch (RuntimeException e) {
            throw new PyError(e.getMessage());
        }
    }

    /** A value as Python's {@code repr} prints it: {@code {'path': '/a'}}, {@code ['x', 1]}. */
    private static String repr(Object o) {
        if (o instanceof String str) {
            return "'" + str.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (o instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(repr(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (o instanceof java.util.Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(repr(k) + ": " + repr(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        return String.valueOf(o);
    }

    private static String string(PyParser.Call call, List<Object> args, int i, int expected) throws PyError {
        if (args.size() != expected) {
            throw new PyError(call.method() + "() takes " + (expected + 1) + " positional arguments but "
                + (args.size() + 1) + " were given");
        }
        if (!(args.get(i) instanceof String s)) {
            throw new PyError(call.method() + "(): argument " + (i + 1) + " must be a string");
        }
        return s;
    }

    /** Names {@code py} knows, for completion: the clusters and their workers. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Cluster c : clusters.clusters()) {
            out.add(c.name());
            c.workers().forEach(w -> out.add(w.host().name()));
        }
        return out;
    }
}
