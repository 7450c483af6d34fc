package io.knetsim.ingress;

/**
 * One entry of the original labs' {@code run_ingress} list, {@code {"path": "/svc1", "endpoint":
 * "100.64.11.1:8000"}}: a prefix location proxying to {@code endpoint} (a Service VIP and port,
 * or any {@code ADDRESS:PORT}). The request URI goes upstream unchanged ({@code /svc1} stays
 * {@code /svc1}), as the original's {@code proxy_pass http://100.64.11.1:8000;} does.
 */
public record IngressRoute(String path, String endpoint) {
    public static IngressRoute of(String path, String endpoint) {
        return new IngressRoute(path, endpoint);
    }
}
