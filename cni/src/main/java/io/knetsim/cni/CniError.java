package io.knetsim.cni;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CNI error, as a plugin prints it on stdout and libcni returns it: a code from the spec's
 * table, a message and optional details.
 *
 * <pre>
 *   {"cniVersion": "1.0.0", "code": 7, "msg": "...", "details": "..."}
 * </pre>
 *
 * Codes 1-99 are the spec's well-known ones ({@link #INCOMPATIBLE_VERSION} ... {@link #TRY_AGAIN_LATER});
 * {@link #INTERNAL} (999) is what a plugin's {@code skel} reports for any other failure. Code 0
 * ({@link #LIBCNI}) marks an error raised by libcni itself before any plugin ran (a plugin binary
 * not found in {@code CNI_PATH}, no such network): libcni gives those as plain text, not as JSON.
 */
public final class CniError extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error of libcni itself, not of a plugin: it has no CNI code. */
    public static final int LIBCNI = 0;
    public static final int INCOMPATIBLE_VERSION = 1;
    public static final int UNSUPPORTED_FIELD = 2;
    public static final int CONTAINER_UNKNOWN = 3;
    public static final int INVALID_ENV = 4;
    public static final int IO_FAILURE = 5;
    public static final int DECODE_FAILURE = 6;
    public static final int INVALID_CONFIG = 7;
    public static final int TRY_AGAIN_LATER = 11;
    /** {@code types.ErrInternal}: any other failure, as {@code skel} wraps a plain Go error. */
    public static final int INTERNAL = 999;

    private final int code;
    private final String msg;
    private final String details;
    private final String context;

    public CniError(int code, String msg, String details) {
        this(code, msg, details, "");
    }

    private CniError(int code, String msg, String details, String context) {
        super(context + (details == null || details.isEmpty() ? msg : msg + "; " + details));
        this.code = code;
        this.msg = msg;
        this.details = details == null ? "" : details;
        this.context = context;
    }

    public CniError(int code, String msg) {
        this(code, msg, "");
    }

    /** An invalid network configuration (code 7), naming the file and the field. */
    public static CniError invalidConfig(String file, String field, String what) {
        return new CniError(INVALID_CONFIG, file + ": field \"" + field + "\": " + what);
    }

    public int code() {
        return code;
    }

    public String msg() {
        return msg;
    }

    public String details() {
        return details;
    }

    /** True for an error raised by libcni (no CNI code); false for a plugin's error. */
    public boolean isLibcni() {
        return code == LIBCNI;
    }

    /**
     * The error as a plugin returns it after wrapping another with {@code fmt.Errorf("PREFIX%w")}:
     * no longer a CNI error, so {@code skel} reports it as code 999 with the whole text as message.
     */
    public CniError wrapInPlugin(String prefix) {
        return new CniError(INTERNAL, prefix + getMessage(), "");
    }

    /**
     * The error as libcni returns it, with context in front of the text ({@code plugin type="bridge"
     * failed (add): ...}) while the plugin's code, msg and details stay as they were.
     */
    public CniError withContext(String prefix) {
        return new CniError(code, msg, details, prefix + context);
    }

    /** The error as the spec's JSON: cniVersion (if given), code, msg, details (if any). */
    public ObjectNode toJson(String cniVersion) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (cniVersion != null && !cniVersion.isEmpty()) {
            o.put("cniVersion", cniVersion);
        }
        o.put("code", code);
        o.put("msg", msg);
        if (!details.isEmpty()) {
            o.put("details", details);
        }
        return o;
    }
}
