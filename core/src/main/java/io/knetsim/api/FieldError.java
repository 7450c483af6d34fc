package io.knetsim.api;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One field-level validation error, printed as the API server prints {@code field.Error}:
 * {@code spec.containers: Required value} or
 * {@code metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain ...}. A string bad
 * value is quoted as Go's {@code %q} does; a number is printed plainly; any other value is
 * printed as JSON (e.g. a label map as {@code {"app":"web"}}), as current API servers do.
 *
 * @param type     one of the {@code FieldValue...} cause types
 * @param field    the field path, e.g. {@code spec.containers[0].image}
 * @param badValue the rejected value, or null when the type prints none
 * @param detail   what was expected, or ""
 */
public record FieldError(String type, String field, Object badValue, String detail) {
    public static final String REQUIRED = "FieldValueRequired";
    public static final String INVALID = "FieldValueInvalid";
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String DUPLICATE = "FieldValueDuplicate";
    public static final String FORBIDDEN = "FieldValueForbidden";

    public static FieldError required(String field, String detail) {
        return new FieldError(REQUIRED, field, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(INVALID, field, value, detail);
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(DUPLICATE, field, value, "");
    }

    public static FieldError notSupported(String field, Object value, String... supported) {
        StringBuilder sb = new StringBuilder("supported values: ");
        for (int i = 0; i < supported.length; i++) {
            sb.append(i > 0 ? ", " : "").append(GoQuote.quote(supported[i]));
        }
        return new FieldError(NOT_SUPPORTED, field, value, sb.toString());
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(FORBIDDEN, field, null, detail);
    }

    /** The message without the field: {@code Invalid value: "Foo": ...}. */
    public String body() {
        String s = switch (type) {
            case REQUIRED -> "Required value";
            case FORBIDDEN -> "Forbidden";
            case INVALID -> "Invalid value" + value();
            case NOT_SUPPORTED -> "Unsupported value" + value();
            case DUPLICATE -> "Duplicate value" + value();
            default -> throw new IllegalStateException("unknown field error type " + type);
        };
        return detail == null || detail.isEmpty() ? s : s + ": " + detail;
    }

    private String value() {
        if (badValue instanceof String str) {
            return ": " + GoQuote.quote(str);
        }
        if (badValue instanceof Number || badValue instanceof Boolean) {
            return ": " + badValue;
        }
        try {
            return ": " + KubeJson.mapper().writeValueAsString(badValue);
        } catch (JsonProcessingException e) {
            return ": " + badValue;
        }
    }

    /** {@code field: body}, as {@code field.Error.Error()} prints it. */
    public String message() {
        return field + ": " + body();
    }

    @Override
    public String toString() {
        return message();
    }
}
