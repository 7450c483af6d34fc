package io.knetsim.scenarios.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code knetsim run} found, as {@code --json} prints it (Jackson writes the record's
 * components in order).
 *
 * @param wallMillis the only field that differs between two runs with the same seed
 */
public record RunReport(String version, long seed, List<Step> steps, int checks, List<String> failed,
                        Map<String, Long> drops, long simulatedNanos, long events, long wallMillis,
                        List<String> captures) {
    /**
     * One command and what it printed.
     *
     * @param startNanos when it started in simulated time, counted from the start of the steps
     *                   (-1 for a built-in world)
     */
    public record Step(String node, String command, int exitCode, String stdout, String stderr, long startNanos) {
    }

    /** True when every check held; written to JSON as {@code passed}. */
    @JsonProperty("passed")
    public boolean passed() {
        return failed.isEmpty();
    }
}
