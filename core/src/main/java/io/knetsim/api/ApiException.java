package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A failed API call, carrying the {@link Status} the real API server would return: the HTTP
 * code (404, 409, 410, 422), the reason ({@code NotFound}, {@code AlreadyExists},
 * {@code Conflict}, {@code Expired}, {@code Invalid}) and the exact message. A failed call
 * changes nothing.
 */
public final class ApiException extends RuntimeException {
    private final transient Status status;

    public ApiException(Status status) {
        super(status.message());
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    public String reason() {
        return status.reason();
    }

    /** {@code pods "x" not found}. */
    public static ApiException notFound(ResourceType<?> t, String name) {
        return notFound(t.group(), t.plural(), name);
    }

    static ApiException notFound(String group, String plural, String name) {
        String res = group.isEmpty() ? plural : plural + "." + group;
        return new ApiException(Status.failure(404, "NotFound", res + " " + GoQuote.quote(name) + " not found",
            new Status.Details(name, emptyToNull(group), plural, null)));
    }

    /** {@code pods "x" already exists}. */
    public static ApiException alreadyExists(ResourceType<?> t, String name) {
        return new ApiException(Status.failure(409, "AlreadyExists",
            t.qualifiedResource() + " " + GoQuote.quote(name) + " already exists",
            new Status.Details(name, emptyToNull(t.group()), t.plural(), null)));
    }

    /** The optimistic-concurrency failure of an update with a stale resourceVersion. */
    public static ApiException conflict(ResourceType<?> t, String name) {
        return new ApiException(Status.failure(409, "Conflict",
            "Operation cannot be fulfilled on " + t.qualifiedResource() + " " + GoQuote.quote(name)
                + ": the object has been modified; please apply your changes to the latest version and try again",
            new Status.Details(name, emptyToNull(t.group()), t.plural(), null)));
    }

    /** A watch from a resourceVersion older than the kept history. */
    public static ApiException expired(long requested, long oldest) {
        return new ApiException(Status.failure(410, "Expired",
            "too old resource version: " + requested + " (" + oldest + ")", null));
    }

    /** A bad request, such as an unparsable label selector or resourceVersion. */
    public static ApiException badRequest(String message) {
        return new ApiException(Status.failure(400, "BadRequest", message, null));
    }

    /**
     * {@code Pod "Foo" is invalid: metadata.name: Invalid value: ...}; with several errors they
     * are listed in brackets, separated by ", ", as the API server aggregates them.
     */
    public static ApiException invalid(ResourceType<?> t, String name, List<FieldError> errors) {
        StringBuilder sb = new StringBuilder(t.qualifiedKind()).append(' ').append(GoQuote.quote(name))
            .append(" is invalid: ");
        if (errors.size() == 1) {
            sb.append(errors.get(0).message());
        } else {
            sb.append('[');
            for (int i = 0; i < errors.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(errors.get(i).message());
            }
            sb.append(']');
        }
        List<Status.Cause> causes = new ArrayList<>();
        for (FieldError e : errors) {
            causes.add(new Status.Cause(e.type(), e.body(), e.field()));
        }
        return new ApiException(Status.failure(422, "Invalid", sb.toString(),
            new Status.Details(name, emptyToNull(t.group()), t.kind(), causes)));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
