package io.knetsim.app.image;

import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code nginx} with its stock configuration: port 80 serves the default "Welcome to nginx!"
 * page ({@code /usr/share/nginx/html/index.html}, 615 bytes, {@code text/html}) for {@code /} and
 * {@code /index.html}, and nginx's own 404 page for any other path. Methods other than GET and
 * HEAD get nginx's {@code 405 Not Allowed}.
 */
public final class NginxApp implements SimulatedApp {
    public static final int PORT = 80;
    /** The version nginx's error pages show. */
    public static final String VERSION = "nginx/1.27.3";

    /** The default page of the official nginx image. */
    public static final String INDEX_HTML = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>
        """;

    static String errorPage(int code, String reason) {
        return "<html>\r\n<head><title>" + code + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>" + code + " "
            + reason + "</h1></center>\r\n<hr><center>" + VERSION + "</center>\r\n</body>\r\n</html>\r\n";
    }

    @Override
    public AppHandle start(AppContext ctx) {
        HttpServer s = new HttpServer(ctx.netns(), PORT, req -> {
            if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
                return html(405, "Not Allowed", errorPage(405, "Not Allowed"));
            }
            String path = req.target();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (path.equals("/") || path.equals("/index.html")) {
                return html(200, "OK", INDEX_HTML);
            }
            return html(404, "Not Found", errorPage(404, "Not Found"));
        }).start();
        return s::stop;
    }

    private static HttpResponse html(int code, String reason, String body) {
        return new HttpResponse(code, reason, "text/html", List.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
