package io.knetsim.scenarios.scenario;

/**
 * A scenario that cannot be built: names the field ({@code clusters[0].pods[1].worker}) and
 * what was expected. The YAML loader rethrows it with the file, line and column in front:
 * {@code web.yaml:7:24: clusters[0].pods[1].worker: no worker w9 in cluster C0 (workers: w1, w2)}.
 */
public final class ScenarioException extends RuntimeException {
    private final String path;
    private final String problem;

    /**
     * @param path    the field, as a path from the scenario's root ({@code underlay.delay}); empty for
     *                the whole scenario
     * @param problem what is wrong and what was expected
     */
    public ScenarioException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** A located error: {@code FILE:LINE:COLUMN: PATH: PROBLEM}. */
    ScenarioException(String file, int line, int column, String path, String problem) {
        super(file + ":" + line + ":" + column + ": " + (path.isEmpty() ? problem : path + ": " + problem));
        this.path = path;
        this.problem = problem;
    }

    /** The field the error is about. */
    public String path() {
        return path;
    }

    /** What is wrong, without the field or location. */
    public String problem() {
        return problem;
    }
}
