package io.knetsim.scenarios.scenario;

import java.time.Duration;

/**
 * One step of a scenario, as a line typed at the {@code knetsim>} prompt, optionally at a
 * simulated time and with what it must show:
 *
 * <pre>
 *   Step.on("C0w1").run("curl -s 11.10.0.2").expectExit(0).expectContains("Welcome to nginx!")
 *   Step.at(Duration.ofSeconds(5)).py("C0w1.exec_container(\"c1\", \"ping -c 1 11.10.0.2\")")
 *   Step.run(Duration.ofSeconds(2))          let two simulated seconds pass
 * </pre>
 *
 * @param at     when to start it, counted from the moment the steps begin (the world built); null:
 *               right after the previous step
 * @param action what to do
 * @param expect what it must show
 */
public record Step(Duration at, Action action, Expect expect) {
    /** What a step does. */
    public sealed interface Action permits Exec, Py, Wait {
        /** The same thing as a line at the {@code knetsim>} prompt. */
        String shellLine();
    }

    /** {@code NODE COMMAND}: run a command on a node until it ends. */
    public record Exec(String node, String command) implements Action {
        @Override
        public String shellLine() {
            return node + " " + command;
        }
    }

    /** {@code py EXPR}: one of the original labs' Python forms. */
    public record Py(String expression) implements Action {
        @Override
        public String shellLine() {
            return "py " + expression;
        }
    }

    /** {@code run DURATION}: let simulated time pass. */
    public record Wait(Duration duration) implements Action {
        @Override
        public String shellLine() {
            return "run " + SimDuration.format(duration);
        }
    }

    /** The first half of {@code on NODE run COMMAND}. */
    public record OnNode(Duration at, String node) {
        public Step run(String command) {
            return new Step(at, new Exec(node, command), Expect.NONE);
        }
    }

    /** The first half of a step at a simulated time. */
    public record At(Duration at) {
        public OnNode on(String node) {
            return new OnNode(at, node);
        }

        public Step py(String expression) {
            return new Step(at, new Py(expression), Expect.NONE);
        }

        public Step run(Duration d) {
            return new Step(at, new Wait(d), Expect.NONE);
        }
    }

    public static OnNode on(String node) {
        return new OnNode(null, node);
    }

    public static Step py(String expression) {
        return new Step(null, new Py(expression), Expect.NONE);
    }

    public static Step run(Duration d) {
        return new Step(null, new Wait(d), Expect.NONE);
    }

    public static At at(Duration t) {
        return new At(t);
    }

    public Step expectExit(int code) {
        return new Step(at, action, expect.withExit(code));
    }

    public Step expectContains(String text) {
        return new Step(at, action, expect.withContains(text));
    }

    public Step expectMatches(String regex) {
        return new Step(at, action, expect.withMatches(regex));
    }

    public Step expect(Expect e) {
        return new Step(at, action, e);
    }
}
