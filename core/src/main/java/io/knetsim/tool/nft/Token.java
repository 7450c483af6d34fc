package io.knetsim.tool.nft;

/**
 * A word of nft input with where it came from: {@code start} and {@code end} are offsets
 * into the source text, so an error can be marked under it.
 */
record Token(Kind kind, String text, Source source, int start, int end) {
    /** Token kinds. */
    enum Kind { WORD, STRING, VARIABLE, PUNCT, NEWLINE, EOF }

    boolean is(String s) {
        return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(s);
    }

    boolean isEnd() {
        return kind == Kind.EOF || kind == Kind.NEWLINE || is(";");
    }

    /** How bison names it in {@code syntax error, unexpected ...}. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case NEWLINE -> "newline";
            case STRING -> "quoted string";
            case VARIABLE -> "variable";
            case PUNCT -> text.equals(";") ? "semicolon" : text.equals("/") ? "slash" : text.equals("-") ? "dash"
                : text.equals(".") ? "dot" : text.equals(",") ? "comma" : text.equals(":") ? "colon"
                : "'" + text + "'";
            case WORD -> Character.isDigit(text.charAt(0)) ? "number" : Keywords.isKeyword(text) ? text : "string";
        };
    }
}
