package io.knetsim.kv;

/**
 * An etcd v2 error: a code, its message, a cause (usually the key) and the etcd index at the
 * time, which etcd's JSON carries as
 * {@code {"errorCode":100,"message":"Key not found","cause":"/foo","index":12}} and etcdctl
 * prints as {@code 100: Key not found (/foo) [12]}. The store's state is unchanged when one is
 * thrown.
 */
public final class KvError extends RuntimeException {
    private final int errorCode;
    private final String etcdMessage;
    private final String errorCause;
    private final long index;

    public KvError(KvErrorCode code, String cause, long index) {
        this(code.code(), code.message(), cause, index);
    }

    /** An error as decoded from a server's JSON, whose code may be one this enum lacks. */
    public KvError(int errorCode, String message, String cause, long index) {
        super(errorCode + ": " + message + " (" + (cause == null ? "" : cause) + ") [" + index + "]");
        this.errorCode = errorCode;
        this.etcdMessage = message;
        this.errorCause = cause;
        this.index = index;
    }

    public int errorCode() {
        return errorCode;
    }

    /** etcd's message for the code, e.g. {@code Key not found}. */
    public String etcdMessage() {
        return etcdMessage;
    }

    /** What the error is about (a key, or {@code [a != b]} for a failed compare); may be null. */
    public String errorCause() {
        return errorCause;
    }

    /** The etcd index when the error happened (0 for request errors, as etcd sends). */
    public long index() {
        return index;
    }

    /** The HTTP status etcd answers this error with. */
    public int httpStatus() {
        for (KvErrorCode c : KvErrorCode.values()) {
            if (c.code() == errorCode) {
                return c.httpStatus();
            }
        }
        return 400;
    }
}
