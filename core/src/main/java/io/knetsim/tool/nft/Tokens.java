package io.knetsim.tool.nft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cursor over tokens that expands {@code $name} from {@code define name = ...} as it reads.
 */
final class Tokens {
    private final List<Token> toks;
    private int pos;
    private final Map<String, List<Token>> defines = new HashMap<>();

    Tokens(List<Token> toks) {
        this.toks = new ArrayList<>(toks);
    }

    Token peek() {
        expand();
        return toks.get(pos);
    }

    Token peek(int ahead) {
        expand();
        int i = Math.min(pos + ahead, toks.size() - 1);
        return toks.get(i);
    }

    Token next() {
        Token t = peek();
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    /** Where the cursor is, to come back later with {@link #seek}. */
    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    /** Skips a balanced {@code { ... }} block (the cursor at its opening brace), expanding variables on the way. */
    void skipBlock() {
        expect("{");
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.kind() == Token.Kind.EOF) {
                throw unexpected(t);
            }
            depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
        }
    }

    /** The previous token (for spans). */
    Token last() {
        return toks.get(Math.max(0, pos - 1));
    }

    boolean accept(String s) {
        if (peek().is(s)) {
            pos++;
            return true;
        }
        return false;
    }

    Token expect(String s) {
        Token t = next();
        if (!t.is(s)) {
            throw unexpected(t);
        }
        return t;
    }

    /** A name: a word or a quoted string. */
    Token name() {
        Token t = next();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw unexpected(t);
        }
        return t;
    }

    static NftSyntaxException unexpected(Token t) {
        return new NftSyntaxException("syntax error, unexpected " + t.describe(), t);
    }

    void skipSeparators() {
        while (peek().kind() == Token.Kind.NEWLINE || peek().is(";")) {
            pos++;
        }
    }

    void define(String name, List<Token> value) {
        defines.put(name, value);
    }

    private void expand() {
        int guard = 0;
        while (toks.get(pos).kind() == Token.Kind.VARIABLE) {
            Token v = toks.get(pos);
            List<Token> val = defines.get(v.text());
            if (val == null) {
                throw new NftSyntaxException("unknown identifier '" + v.text() + "'", v);
            }
            toks.remove(pos);
            toks.addAll(pos, val);
            if (++guard > 100) {
                throw new NftSyntaxException("too many nested variables", v);
            }
        }
    }
}
