package io.knetsim.tool.python;

import java.util.Locale;
import java.util.Map;

/**
 * {@code SimpleHTTPRequestHandler.guess_type}: the handler's own compression map first
 * ({@code .gz}, {@code .Z}, {@code .bz2}, {@code .xz}, matched as typed and then in lower case),
 * then the extension in {@code mimetypes}' built-in table of CPython 3.12 (as typed, then in lower
 * case), else {@code application/octet-stream}. Only the common part of the table is here; the
 * host's {@code /etc/mime.types}, which a real {@code mimetypes} also reads, is not modelled.
 */
final class MimeTypes {
    static final String DEFAULT = "application/octet-stream";

    /** {@code SimpleHTTPRequestHandler.extensions_map} (CPython 3.12). */
    private static final Map<String, String> HANDLER = Map.of(
        ".gz", "application/gzip",
        ".Z", "application/octet-stream",
        ".bz2", "application/x-bzip2",
        ".xz", "application/x-xz");

    /** Part of {@code mimetypes._types_map_default} (CPython 3.12: {@code .js} is {@code text/javascript}). */
    private static final Map<String, String> TYPES = Map.ofEntries(
        Map.entry(".html", "text/html"),
        Map.entry(".htm", "text/html"),
        Map.entry(".txt", "text/plain"),
        Map.entry(".text", "text/plain"),
        Map.entry(".c", "text/plain"),
        Map.entry(".h", "text/plain"),
        Map.entry(".css", "text/css"),
        Map.entry(".csv", "text/csv"),
        Map.entry(".js", "text/javascript"),
        Map.entry(".mjs", "text/javascript"),
        Map.entry(".json", "application/json"),
        Map.entry(".xml", "text/xml"),
        Map.entry(".py", "text/x-python"),
        Map.entry(".sh", "application/x-sh"),
        Map.entry(".pdf", "application/pdf"),
        Map.entry(".zip", "application/zip"),
        Map.entry(".tar", "application/x-tar"),
        Map.entry(".wasm", "application/wasm"),
        Map.entry(".bin", "application/octet-stream"),
        Map.entry(".exe", "application/octet-stream"),
        Map.entry(".png", "image/png"),
        Map.entry(".jpg", "image/jpeg"),
        Map.entry(".jpeg", "image/jpeg"),
        Map.entry(".gif", "image/gif"),
        Map.entry(".svg", "image/svg+xml"),
        Map.entry(".ico", "image/vnd.microsoft.icon"),
        Map.entry(".mp3", "audio/mpeg"),
        Map.entry(".wav", "audio/x-wav"),
        Map.entry(".mp4", "video/mp4"));

    private MimeTypes() {
    }

    /** The {@code Content-type} for a file path. */
    static String guess(String path) {
        String ext = extension(path);
        String t = HANDLER.get(ext);
        if (t == null) {
            t = HANDLER.get(ext.toLowerCase(Locale.ROOT));
        }
        if (t != null) {
            return t;
        }
        t = TYPES.get(ext);
        if (t == null) {
            t = TYPES.get(ext.toLowerCase(Locale.ROOT));
        }
        return t != null ? t : DEFAULT;
    }

    /** {@code posixpath.splitext}: the last dot of the last component, unless the name is all leading dots. */
    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        int lead = 0;
        while (lead < name.length() && name.charAt(lead) == '.') {
            lead++;
        }
        return dot < lead ? "" : name.substring(dot);
    }
}
