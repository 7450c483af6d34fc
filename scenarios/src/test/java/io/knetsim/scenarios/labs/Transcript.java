package io.knetsim.scenarios.labs;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell sessions in a lab: every fenced block whose info string is {@code knetsim}. In a
 * block, a line starting with {@code knetsim> } is a command; the lines after it, up to the
 * next command or the end of the block, are exactly what it prints.
 */
record Transcript(List<Entry> entries) {
    /** One command, the line of the Markdown file it is on, and its expected output. */
    record Entry(int line, String command, String expected) {
    }

    static final String PROMPT = "knetsim> ";

    static Transcript parse(String markdown) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inBlock = false;
        String command = null;
        int commandLine = 0;
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (!inBlock) {
                inBlock = l.strip().equals("```knetsim");
                continue;
            }
            if (l.startsWith("```")) {
                if (command != null) {
                    entries.add(new Entry(commandLine, command, expected.toString()));
                }
                command = null;
                inBlock = false;
                continue;
            }
            if (l.startsWith(PROMPT)) {
                if (command != null) {
                    entries.add(new Entry(commandLine, command, expected.toString()));
                }
                command = l.substring(PROMPT.length());
                commandLine = i + 1;
                expected.setLength(0);
            } else if (command != null) {
                expected.append(l).append('\n');
            }
        }
        return new Transcript(entries);
    }
}
