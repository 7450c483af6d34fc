package io.knetsim.tool.tcpdump;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pcap-filter expression into tokens, as libpcap's scanner does for the subset knetsim
 * handles: words (keywords, addresses, numbers, names, {@code 8000-8080}), {@code ( ) ! && || /},
 * and {@code \word} to use a keyword as a name ({@code proto \tcp}). Characters of the arithmetic
 * and byte-offset forms ({@code [ ] < > = + * & |}) become {@code UNSUPPORTED} tokens.
 */
final class FilterLexer {
    enum Kind { WORD, LPAREN, RPAREN, NOT, AND, OR, SLASH, UNSUPPORTED, EOF }

    /** One token; {@code escaped} words never count as keywords. */
    record Token(Kind kind, String text, boolean escaped) {
        boolean isWord(String w) {
            return kind == Kind.WORD && !escaped && text.equals(w);
        }
    }

    private FilterLexer() {
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", false));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", false));
                i++;
            } else if (c == '/') {
                out.add(new Token(Kind.SLASH, "/", false));
                i++;
            } else if (c == '!' && !(i + 1 < n && s.charAt(i + 1) == '=')) {
                out.add(new Token(Kind.NOT, "!", false));
                i++;
            } else if (s.startsWith("&&", i)) {
                out.add(new Token(Kind.AND, "&&", false));
                i += 2;
            } else if (s.startsWith("||", i)) {
                out.add(new Token(Kind.OR, "||", false));
                i += 2;
            } else if (c == '\\' && i + 1 < n && isWordChar(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isWordChar(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i + 1, j), true));
                i = j;
            } else if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(s.charAt(j))) {
                    j++;
                }
                String w = s.substring(i, j);
                Kind k = switch (w) {
                    case "and" -> Kind.AND;
                    case "or" -> Kind.OR;
                    case "not" -> Kind.NOT;
                    default -> Kind.WORD;
                };
                out.add(new Token(k, w, false));
                i = j;
            } else {
                out.add(new Token(Kind.UNSUPPORTED, String.valueOf(c), false));
                i++;
            }
        }
        out.add(new Token(Kind.EOF, "", false));
        return out;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == ':'
            || c == '-' || c == '_';
    }
}
