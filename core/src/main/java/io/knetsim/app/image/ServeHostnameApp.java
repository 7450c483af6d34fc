package io.knetsim.app.image;

import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpServer;

/**
 * {@code registry.k8s.io/serve_hostname}: the Kubernetes docs' backend for Service examples. It
 * answers every HTTP request on port 9376 with its hostname, which is the pod's name, and no
 * newline ({@code fmt.Fprintf(w, "%s", hostname)}), so
 * {@code curl 11.10.16.2:9376} prints {@code hostnames-5d8c7b9f6-x2kqz}.
 */
public final class ServeHostnameApp implements SimulatedApp {
    public static final int PORT = 9376;

    @Override
    public AppHandle start(AppContext ctx) {
        String hostname = ctx.podName();
        HttpServer s = new HttpServer(ctx.netns(), PORT, req -> HttpResponse.text(200, "OK", hostname)).start();
        return s::stop;
    }
}
