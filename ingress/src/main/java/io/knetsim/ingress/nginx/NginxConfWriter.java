package io.knetsim.ingress.nginx;

import io.knetsim.sim.SimTime;

/**
 * Renders configurations as nginx.conf text: the host's {@code /etc/nginx/nginx.conf}
 * ({@link #MAIN}: the {@code proxy_set_header} lines every proxy here applies, and an
 * {@code include} of {@code /etc/nginx/conf.d/*.conf}) and one {@code conf.d/NAME.conf} per
 * proxy ({@link #render}), which is what {@code nginx -T} prints.
 */
public final class NginxConfWriter {
    /** Where the proxies' files live in a host's file view. */
    public static final String MAIN_PATH = "/etc/nginx/nginx.conf";
    public static final String CONF_DIR = "/etc/nginx/conf.d";

    /**
     * The main file. {@code server_tokens off} gives {@code Server: nginx} and error pages
     * ending {@code <center>nginx</center>}; the headers are ingress-nginx's ({@code Host} as the
     * client sent it); HTTP/1.1 upstream with {@code Connection: close}, nginx's default.
     */
    public static final String MAIN = """
        events {
        }

        http {
            server_tokens off;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;

            include /etc/nginx/conf.d/*.conf;
        }
        """;

    private NginxConfWriter() {
    }

    /** The path of a proxy's file. */
    public static String path(String name) {
        return CONF_DIR + "/" + name + ".conf";
    }

    /** The text of one proxy's file (included inside {@code http { }}). */
    public static String render(NginxConfig c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ingress ").append(c.name()).append('\n');
        for (LimitReqZone z : c.zones()) {
            sb.append("limit_req_zone $binary_remote_addr zone=").append(z.name()).append(":10m rate=")
                .append(z.rateText()).append(";\n");
        }
        for (Upstream u : c.upstreams()) {
            sb.append('\n').append("upstream ").append(u.name()).append(" {\n");
            for (UpstreamServer s : u.servers()) {
                sb.append("    server ").append(s.endpoint());
                if (s.weight() != 1) {
                    sb.append(" weight=").append(s.weight());
                }
                if (s.maxFails() != 1) {
                    sb.append(" max_fails=").append(s.maxFails());
                }
                if (s.failTimeout() != UpstreamServer.DEFAULT_FAIL_TIMEOUT) {
                    sb.append(" fail_timeout=").append(time(s.failTimeout()));
                }
                sb.append(";\n");
            }
            HealthCheck h = u.check();
            if (h != null) {
                sb.append("    check interval=").append(h.interval() / SimTime.MS).append(" rise=").append(h.rise())
                    .append(" fall=").append(h.fall()).append(" timeout=").append(h.timeout() / SimTime.MS)
                    .append(" type=http default_down=false;\n");
                sb.append("    check_http_send \"GET ").append(h.uri()).append(" HTTP/1.0\\r\\n\\r\\n\";\n");
                sb.append("    check_http_expect_alive http_2xx http_3xx;\n");
            }
            sb.append("}\n");
        }
        java.util.LinkedHashSet<String> servers = new java.util.LinkedHashSet<>();
        servers.add(null);
        c.locations().forEach(l -> servers.add(l.serverName()));
        for (String server : servers) {
            sb.append('\n').append("server {\n");
            sb.append("    listen ").append(c.listen()).append(";\n");
            if (server != null) {
                sb.append("    server_name ").append(server).append(";\n");
            }
            for (Location l : c.locations()) {
                if (java.util.Objects.equals(l.serverName(), server)) {
                    location(sb, l);
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void location(StringBuilder sb, Location l) {
        sb.append('\n').append("    location ").append(l.match().modifier()).append(l.path()).append(" {\n");
        if (!l.routes().isEmpty()) {
            sb.append("        # routed by the proxy on request headers and cookies, first match wins:\n");
            for (Route r : l.routes()) {
                sb.append("        #   ");
                if (r.when().isEmpty()) {
                    sb.append("any request");
                }
                for (int i = 0; i < r.when().size(); i++) {
                    sb.append(i == 0 ? "" : " && ").append(r.when().get(i).render());
                }
                sb.append(" -> ").append(r.upstream()).append('\n');
            }
        }
        if (l.upstream() != null) {
            sb.append("        proxy_pass http://").append(l.upstream()).append(";\n");
        } else {
            sb.append("        return 404;\n");
        }
        LimitReq r = l.limitReq();
        if (r != null) {
            sb.append("        limit_req zone=").append(r.zone());
            if (r.burst() > 0) {
                sb.append(" burst=").append(r.burst());
            }
            if (r.nodelay()) {
                sb.append(" nodelay");
            }
            sb.append(";\n");
            if (r.status() != 503) {
                sb.append("        limit_req_status ").append(r.status()).append(";\n");
            }
        }
        if (l.connectTimeout() != Location.DEFAULT_TIMEOUT) {
            sb.append("        proxy_connect_timeout ").append(time(l.connectTimeout())).append(";\n");
        }
        if (l.readTimeout() != Location.DEFAULT_TIMEOUT) {
            sb.append("        proxy_read_timeout ").append(time(l.readTimeout())).append(";\n");
        }
        sb.append("    }\n");
    }

    /** nginx's time syntax: {@code 10s}, {@code 1500ms}. */
    static String time(long nanos) {
        long ms = nanos / SimTime.MS;
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
