package io.knetsim.tool;

/**
 * Bad arguments to a command: the message is printed to stderr as the real tool would print
 * it, and the command exits with {@link #exitCode()} without changing anything.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UsageException(String message) {
        this(message, 2);
    }

    public UsageException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
