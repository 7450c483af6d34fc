package io.knetsim.scenarios.scenario;

import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.RunningWorld;
import io.knetsim.sim.Simulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a scenario's steps in order through a {@code knetsim>} {@link Session}, as if typed at the
 * prompt, and checks what each must show. Times given with {@code at} count from the moment
 * {@link #run} is called (the world built): the clock runs until then; a step whose time has
 * already passed (the steps before it took longer) still runs, and that is a failed check.
 */
public final class StepRunner {
    /**
     * One step's outcome.
     *
     * @param number     1 for the first step
     * @param startNanos the simulated time it started, from the start of the steps
     * @param failures   the checks that did not hold, each a full sentence ({@code step 2 (C0w1 curl ...): ...})
     */
    public record Result(int number, Step step, long startNanos, int exitCode, String stdout, String stderr,
                         List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        /** The line as typed at the prompt. */
        public String line() {
            return step.action().shellLine();
        }
    }

    private final RunningWorld world;

    public StepRunner(RunningWorld world) {
        this.world = world;
    }

    /**
     * Runs {@code steps}, handing each result to {@code each} as it completes; returns them all.
     * Background commands a step started ({@code tcpdump -w cap.pcap &}) are stopped at the end.
     */
    public List<Result> run(List<Step> steps, Consumer<Result> each) {
        Simulator sim = world.world().sim();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Session session = new Session(world, out::append, err::append);
        long start = sim.now();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String name = "step " + (i + 1) + " (" + s.action().shellLine() + ")";
            List<String> failures = new ArrayList<>();
            if (s.at() != null) {
                long target = start + s.at().toNanos();
                if (sim.now() <= target) {
                    sim.runFor(target - sim.now());
                } else {
                    failures.add(name + ": should start at " + SimDuration.format(s.at())
                        + " but the steps before it ran until "
                        + seconds(sim.now() - start));
                }
            }
            long began = sim.now() - start;
            out.setLength(0);
            err.setLength(0);
            session.execute(s.action().shellLine());
            int exit = session.lastExitCode();
            String output = out.toString() + err;
            Expect e = s.expect();
            if (e.exit() != null && e.exit() != exit) {
                failures.add(name + ": exit status " + exit + ", expected " + e.exit());
            }
            if (e.contains() != null && !output.contains(e.contains())) {
                failures.add(name + ": should show \"" + e.contains() + "\"");
            }
            if (e.matches() != null && !Pattern.compile(e.matches(), Pattern.MULTILINE).matcher(output).find()) {
                failures.add(name + ": output does not match /" + e.matches() + "/");
            }
            Result r = new Result(i + 1, s, began, exit, out.toString(), err.toString(), failures);
            results.add(r);
            each.accept(r);
        }
        session.close(); // background jobs stop as the shell's would: a tcpdump -w file is complete
        return results;
    }

    /** How many checks {@code steps} make: each expectation, and each {@code at}. */
    public static int checks(List<Step> steps) {
        return steps.stream().mapToInt(s -> s.expect().count() + (s.at() == null ? 0 : 1)).sum();
    }

    /** Nanoseconds as seconds, exactly, without trailing zeros: {@code 6.2s}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
    }

    /** {@code d} from the start, as {@link #seconds}. */
    static String seconds(Duration d) {
        return seconds(d.toNanos());
    }
}
