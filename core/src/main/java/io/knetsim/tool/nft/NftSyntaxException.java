package io.knetsim.tool.nft;

/** An error at a place in the input: the message nft prints after {@code Error: } and the span to mark. */
final class NftSyntaxException extends RuntimeException {
    private final Source source;
    private final int start;
    private final int end;

    NftSyntaxException(String message, Token at) {
        this(message, at.source(), at.start(), at.end());
    }

    NftSyntaxException(String message, Source source, int start, int end) {
        super(message);
        this.source = source;
        this.start = start;
        this.end = end;
    }

    /** The full report, ready for stderr. */
    String report() {
        return source.error(getMessage(), start, end);
    }
}
