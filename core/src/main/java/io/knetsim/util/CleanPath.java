package io.knetsim.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code path.Clean} for slash-separated absolute paths, which etcd applies to keys and a
 * file system to names: empty and {@code .} elements go, {@code ..} removes the element before
 * it (never above the root), no trailing slash. {@code //a/./b/../c/} is {@code /a/c}.
 */
public final class CleanPath {
    private CleanPath() {
    }

    /** The clean form of {@code path}, always absolute (a relative path is taken from the root). */
    public static String of(String path) {
        if (isClean(path)) {
            return path;
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(p);
        }
        return "/" + String.join("/", parts);
    }

    /** Whether {@code path} is absolute with no empty, {@code .} or {@code ..} element and no trailing slash. */
    public static boolean isClean(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        if (path.charAt(n - 1) == '/') {
            return false;
        }
        int start = 1;
        for (int i = 1; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 0 || len == 1 && path.charAt(start) == '.'
                    || len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }
}
