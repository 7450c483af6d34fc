package io.knetsim.tool;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The commands available at a prompt, by name. Each world builds its own; nothing is global. */
public final class ToolRegistry {
    private final Map<String, Command> commands = new TreeMap<>();

    /** Adds a command; a second one with the same name replaces the first. */
    public ToolRegistry register(Command c) {
        commands.put(c.name(), c);
        return this;
    }

    /** Registers an alias that runs {@code target}. */
    public ToolRegistry alias(String name, Command target) {
        commands.put(name, new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String synopsis() {
                return target.synopsis();
            }

            @Override
            public void start(Invocation inv) {
                target.start(inv);
            }
        });
        return this;
    }

    public Command get(String name) {
        return commands.get(name);
    }

    public Map<String, Command> commands() {
        return Collections.unmodifiableMap(commands);
    }
}
