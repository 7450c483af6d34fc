package io.knetsim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The API server's answer to a failed call (metav1.Status), in the JSON shape kubectl reads:
 * <pre>
 * {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
 *  "message":"pods \"x\" not found","reason":"NotFound",
 *  "details":{"name":"x","kind":"pods"},"code":404}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Status(String kind, String apiVersion, Map<String, Object> metadata, String status, String message,
    String reason, Details details, int code) {

    /** {@code details}: the object the failure is about, and the field causes of an Invalid. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Details(String name, String group, String kind, List<Cause> causes) {
    }

    /** One cause of an Invalid: the field error's type, message body and field. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Cause(String reason, String message, String field) {
    }

    public static Status failure(int code, String reason, String message, Details details) {
        return new Status("Status", "v1", Map.of(), "Failure", message, reason, details, code);
    }
}
