package io.knetsim.tool.kubectl;

import io.knetsim.api.ApiException;
import io.knetsim.api.Status;
import java.util.List;

/**
 * How kubectl prints a failed API call (its {@code cmdutil.CheckErr}): an Invalid object as
 * {@code The Pod "x" is invalid: spec.containers: Required value} (one cause) or
 * <pre>
 * The Pod "x" is invalid: 
 * * metadata.name: Invalid value: ...
 * * spec.containers: Required value
 * </pre>
 * and every other failure as {@code Error from server (NotFound): pods "x" not found}.
 */
final class KubectlErrors {
    /** What kubectl says when no API server is configured or reachable. */
    static final String NO_SERVER =
        "The connection to the server localhost:8080 was refused - did you specify the right host or port?";

    private KubectlErrors() {
    }

    /** The message for {@code e}, without the final newline. */
    static String message(ApiException e) {
        return message(e, null);
    }

    /**
     * As {@link #message(ApiException)}; with a {@code source} file, errors other than Invalid
     * say {@code error when creating "web.yaml": ...}, as {@code create -f} and {@code apply -f} do.
     */
    static String message(ApiException e, String source) {
        Status s = e.status();
        if ("Invalid".equals(s.reason()) && s.details() != null) {
            String prefix = "The " + s.details().kind() + " \"" + s.details().name() + "\" is invalid";
            List<Status.Cause> causes = s.details().causes() == null ? List.of() : s.details().causes();
            if (causes.isEmpty()) {
                return prefix;
            }
            if (causes.size() == 1) {
                return prefix + ": " + causes.get(0).field() + ": " + causes.get(0).message();
            }
            StringBuilder sb = new StringBuilder(prefix).append(": ");
            for (Status.Cause c : causes) {
                sb.append("\n* ").append(c.field()).append(": ").append(c.message());
            }
            return sb.toString();
        }
        String msg = source == null ? s.message() : "error when creating \"" + source + "\": " + s.message();
        return "Error from server (" + s.reason() + "): " + msg;
    }
}
