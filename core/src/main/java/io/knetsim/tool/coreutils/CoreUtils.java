package io.knetsim.tool.coreutils;

import io.knetsim.tool.ToolRegistry;

/** Registers the coreutils-like commands. */
public final class CoreUtils {
    private CoreUtils() {
    }

    public static void registerAll(ToolRegistry r) {
        r.register(new Cat());
        r.register(new Ls());
    }

    /** A path as typed, made absolute: commands run in {@code /}, as a shell on a fresh node would. */
    static String absolute(String typed) {
        return typed.startsWith("/") ? typed : "/" + typed;
    }
}
