package io.knetsim.app.image;

import io.knetsim.api.Container;
import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.app.http.HttpServer;
import java.util.List;

/**
 * {@code knetsim/fixed-message}: the labs' HTTP server ({@link FixedMessageServer}) answering
 * every GET with one message. The message and port come from the container's args
 * ({@code --message S1-W2 --port 8000}, or {@code --message=S1-W2 --port=8000}) or, when an
 * arg is absent, from the environment variables {@code MESSAGE} and {@code PORT}; the defaults
 * are the pod's name and port 8000.
 * <pre>
 *   containers:
 *   - name: s1
 *     image: knetsim/fixed-message
 *     args: ["--message", "S1-W2", "--port", "8000"]
 * </pre>
 */
public final class FixedMessageApp implements SimulatedApp {
    public static final int DEFAULT_PORT = 8000;

    @Override
    public AppHandle start(AppContext ctx) {
        Container c = ctx.container();
        String message = c.envValue("MESSAGE");
        String port = c.envValue("PORT");
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value;
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("fixed-message: option " + a + " needs a value");
            }
            switch (name) {
                case "--message" -> message = value;
                case "--port" -> port = value;
                default -> throw new IllegalArgumentException("fixed-message: unknown option " + name
                    + " (expected --message or --port)");
            }
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("fixed-message: invalid port '" + port + "' (expected 1-65535)");
            }
        }
        HttpServer s = FixedMessageServer.start(ctx.netns(), p, message == null ? ctx.podName() : message);
        return s::stop;
    }
}
