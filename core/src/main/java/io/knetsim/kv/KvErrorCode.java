package io.knetsim.kv;

/**
 * The error codes of etcd v2's key space ({@code /v2/keys}), with etcd's messages and the
 * HTTP status its server answers them with (404, 403, 412 or 500 for a few, 400 for the rest).
 */
public enum KvErrorCode {
    KEY_NOT_FOUND(100, "Key not found", 404),
    TEST_FAILED(101, "Compare failed", 412),
    NOT_FILE(102, "Not a file", 403),
    NOT_DIR(104, "Not a directory", 400),
    NODE_EXIST(105, "Key already exists", 412),
    ROOT_READ_ONLY(107, "Root is read only", 400),
    DIR_NOT_EMPTY(108, "Directory not empty", 403),
    VALUE_REQUIRED(200, "Value is Required in POST form", 400),
    PREV_VALUE_REQUIRED(201, "PrevValue is Required in POST form", 400),
    TTL_NAN(202, "The given TTL in POST form is not a number", 400),
    INDEX_NAN(203, "The given index in POST form is not a number", 400),
    INVALID_FIELD(209, "Invalid field", 400),
    INVALID_FORM(210, "Invalid POST form", 400),
    RAFT_INTERNAL(300, "Raft Internal Error", 500),
    EVENT_INDEX_CLEARED(401, "The event in requested index is outdated and cleared", 400);

    private final int code;
    private final String message;
    private final int httpStatus;

    KvErrorCode(int code, String message, int httpStatus) {
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
    }

    /** The number in {@code errorCode}. */
    public int code() {
        return code;
    }

    /** etcd's text in {@code message}. */
    public String message() {
        return message;
    }

    /** The HTTP status etcd's v2 handler answers with. */
    public int httpStatus() {
        return httpStatus;
    }
}
