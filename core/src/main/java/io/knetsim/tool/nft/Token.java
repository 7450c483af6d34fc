package io.knetsim.tool.nft;

/**
 * A word of nft input with where it came from: {@code start} and {@code end} are offsets
 * into the source text, so an error can be marked under it. The text is cut from the source
 * only when asked for ({@link #is} compares in place): a ruleset of 100,000 chains is
 * millions of tokens, most of which are only compared with a keyword.
 */
final class Token {
    /** Token kinds. */
    enum Kind { WORD, STRING, VARIABLE, PUNCT, NEWLINE, EOF }

    private final Kind kind;
    private final Source source;
    private final int start;
    private final int end;
    private final int textStart;
    private final int textEnd;
    private String text;

    /** A token whose text is given (not taken from the source). */
    Token(Kind kind, String text, Source source, int start, int end) {
        this(kind, source, start, end, -1, -1);
        this.text = text;
    }

    /** A token whose text is {@code source.text()[textStart, textEnd)}, cut on first use. */
    Token(Kind kind, Source source, int start, int end, int textStart, int textEnd) {
        this.kind = kind;
        this.source = source;
        this.start = start;
        this.end = end;
        this.textStart = textStart;
        this.textEnd = textEnd;
    }

    Kind kind() {
        return kind;
    }

    String text() {
        if (text == null) {
            text = source.text().substring(textStart, textEnd);
        }
        return text;
    }

    Source source() {
        return source;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    boolean is(String s) {
        if (kind != Kind.WORD && kind != Kind.PUNCT) {
            return false;
        }
        if (text != null) {
            return text.equals(s);
        }
        return textEnd - textStart == s.length() && source.text().startsWith(s, textStart);
    }

    boolean isEnd() {
        return kind == Kind.EOF || kind == Kind.NEWLINE || is(";");
    }

    /** How bison names it in {@code syntax error, unexpected ...}. */
    String describe() {
        String t = text();
        return switch (kind) {
            case EOF -> "end of file";
            case NEWLINE -> "newline";
            case STRING -> "quoted string";
            case VARIABLE -> "variable";
            case PUNCT -> t.equals(";") ? "semicolon" : t.equals("/") ? "slash" : t.equals("-") ? "dash"
                : t.equals(".") ? "dot" : t.equals(",") ? "comma" : t.equals(":") ? "colon"
                : "'" + t + "'";
            case WORD -> Character.isDigit(t.charAt(0)) ? "number" : Keywords.isKeyword(t) ? t : "string";
        };
    }

    @Override
    public String toString() {
        return kind + " " + text();
    }
}
