package io.knetsim.tool.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits nft input into tokens: words (names, numbers, addresses, {@code echo-request}),
 * quoted strings, {@code $variables}, punctuation and newlines; {@code #} starts a comment.
 * A dot or dash inside a word belongs to it ({@code 10.0.0.1}, {@code echo-request}), except
 * that a dash after a number splits a range ({@code 1-1024}).
 */
final class Lexer {
    private static final String PUNCT = "{}();,:./@|&^*=<>!+-";

    private Lexer() {
    }

    static List<Token> lex(Source src) {
        String s = src.text();
        List<Token> out = new ArrayList<>(s.length() / 4 + 16);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(new Token(Token.Kind.NEWLINE, "\n", src, i, i + 1));
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2; // line continuation
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int j = s.indexOf('"', i + 1);
                if (j < 0) {
                    throw new NftSyntaxException("unterminated string", src, i, s.length());
                }
                out.add(new Token(Token.Kind.STRING, src, i, j + 1, i + 1, j));
                i = j + 1;
            } else if (c == '$') {
                int j = i + 1;
                while (j < s.length() && isWordChar(s.charAt(j)) && s.charAt(j) != '.') {
                    j++;
                }
                out.add(new Token(Token.Kind.VARIABLE, src, i, j, i + 1, j));
                i = j;
            } else if (isWordChar(c) && c != '.' && c != '-') {
                int j = i;
                boolean numeric = Character.isDigit(c);
                // nft's scanner lets a name that starts with a letter go on with '/' (kube-proxy's
                // chain names, e.g. service-ULMVA6XW-ns1/svc1/tcp/p80); numbers stop at it (prefixes)
                while (j < s.length() && (isWordChar(s.charAt(j)) || (s.charAt(j) == '/' && !numeric))) {
                    char d = s.charAt(j);
                    if (d == '-' && numeric) {
                        break;
                    }
                    j++;
                }
                out.add(new Token(Token.Kind.WORD, src, i, j, i, j));
                i = j;
            } else if (PUNCT.indexOf(c) >= 0) {
                char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                if (n == '=' && (c == '=' || c == '!' || c == '<' || c == '>')) {
                    out.add(new Token(Token.Kind.PUNCT, src, i, i + 2, i, i + 2));
                    i += 2;
                } else {
                    out.add(new Token(Token.Kind.PUNCT, src, i, i + 1, i, i + 1));
                    i++;
                }
            } else {
                throw new NftSyntaxException("syntax error, unexpected junk", src, i, i + 1);
            }
        }
        out.add(new Token(Token.Kind.EOF, "", src, s.length(), s.length()));
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}
