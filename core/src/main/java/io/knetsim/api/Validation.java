package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API server's name and label checks (apimachinery's {@code util/validation}), with its
 * exact messages, e.g. {@code a lowercase RFC 1123 subdomain must consist of lower case
 * alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
 * (e.g. 'example.com', regex used for validation is '...')}.
 */
public final class Validation {
    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

    private Validation() {
    }

    /** Go's {@code RegexError}: the message, examples in quotes, and the regex. */
    static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg);
        if (examples.length > 0) {
            sb.append(" (e.g. ");
            for (int i = 0; i < examples.length; i++) {
                if (i > 0) {
                    sb.append(" or ");
                }
                sb.append('\'').append(examples[i]).append("', ");
            }
            sb.append("regex used for validation is '").append(fmt).append("')");
        } else {
            sb.append(" (regex used for validation is '").append(fmt).append("')");
        }
        return sb.toString();
    }

    /** Problems with {@code value} as an RFC 1123 label (namespace names, container names). */
    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                + "and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    /** Problems with {@code value} as an RFC 1123 subdomain (most object names). */
    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add("must be no more than 253 characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                + "'-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT,
                "example.com"));
        }
        return errs;
    }

    /** Problems with {@code value} as a label key ({@code [prefix/]name}). */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String e : dns1123Subdomain(prefix)) {
                    errs.add("prefix part " + e);
                }
            }
        } else {
            errs.add(regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must "
                + "start and end with an alphanumeric character", QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part must be no more than 63 characters");
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add(regexError("name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
                + "and end with an alphanumeric character", QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** Problems with {@code value} as a label value. */
    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
                + "or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue",
                "my_value", "12345"));
        }
        return errs;
    }

    /** Field errors of a label map at {@code path} (keys at the path, values at {@code path[key]}). */
    public static List<FieldError> labels(Map<String, String> labels, String path) {
        List<FieldError> out = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            for (String m : qualifiedName(e.getKey())) {
                out.add(FieldError.invalid(path, e.getKey(), m));
            }
            for (String m : labelValue(e.getValue())) {
                out.add(FieldError.invalid(path + "[" + e.getKey() + "]", e.getValue(), m));
            }
        }
        return out;
    }
}
