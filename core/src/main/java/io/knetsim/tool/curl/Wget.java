package io.knetsim.tool.curl;

import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;

/**
 * {@code wget -qO- URL}, the form the original knetsim labs use: the same request as
 * {@code curl} (with wget's {@code User-Agent}, {@code Accept-Encoding: identity} and
 * {@code Connection: Keep-Alive}), the body on stdout. Being quiet, it prints nothing else:
 * failures show only in the exit status, as wget's: 1 for a bad URL, 4 for a network failure
 * (refused, unreachable, timeout, reset, empty reply), 8 for an HTTP error status (400 and up,
 * whose body is not printed, as without {@code --content-on-error}).
 * Only the quiet, stdout form is supported.
 */
public final class Wget implements Command {
    @Override
    public String name() {
        return "wget";
    }

    @Override
    public String synopsis() {
        return "wget -qO- [-T SECS] URL (knetsim: quiet, to stdout only)";
    }

    @Override
    public void start(Invocation inv) {
        Curl.Options o = new Curl.Options();
        boolean quiet = false;
        boolean toStdout = false;
        var args = inv.args();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "-qO-", "-qO", "-q" -> {
                    quiet = true;
                    if (w.startsWith("-qO")) {
                        toStdout = w.equals("-qO-") || (i + 1 < args.size() && args.get(++i).equals("-"));
                    }
                }
                case "-O-" -> toStdout = true;
                case "-O" -> toStdout = i + 1 < args.size() && args.get(++i).equals("-");
                case "-T" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("wget: option requires an argument -- 'T'", 2);
                    }
                    o.maxTime = Math.round(Double.parseDouble(args.get(++i)) * 1e9);
                }
                default -> {
                    if (w.startsWith("-") || !o.urls.isEmpty()) {
                        throw new UsageException("wget: knetsim supports only: " + synopsis(), 2);
                    }
                    o.urls.add(w);
                }
            }
        }
        if (!quiet || !toStdout || o.urls.isEmpty()) {
            throw new UsageException("wget: knetsim supports only: " + synopsis(), 2);
        }
        new Curl.Fetch(inv, o, true).start();
    }
}
