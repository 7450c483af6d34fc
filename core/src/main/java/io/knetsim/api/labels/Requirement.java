package io.knetsim.api.labels;

import java.util.List;
import java.util.Map;

/**
 * One term of a label selector: a key, an operator and its values, e.g. {@code tier in (web,db)}.
 * Matching follows apimachinery: {@code !=} and {@code notin} match objects without the key;
 * {@code gt}/{@code lt} compare integers and never match a non-integer value.
 */
public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
        values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> v != null && values.contains(v);
            case NOT_IN, NOT_EQUALS -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
            case GREATER_THAN, LESS_THAN -> {
                if (v == null) {
                    yield false;
                }
                try {
                    long have = Long.parseLong(v);
                    long want = Long.parseLong(values.get(0));
                    yield operator == Operator.GREATER_THAN ? have > want : have < want;
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
        };
    }

    /** The requirement in selector syntax, values sorted: {@code tier in (db,web)}, {@code !canary}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (operator == Operator.DOES_NOT_EXIST) {
            sb.append('!');
        }
        sb.append(key);
        switch (operator) {
            case EXISTS, DOES_NOT_EXIST -> {
                return sb.toString();
            }
            case IN, NOT_IN -> sb.append(' ').append(operator.text()).append(" (");
            case GREATER_THAN -> sb.append('>');
            case LESS_THAN -> sb.append('<');
            default -> sb.append(operator.text());
        }
        sb.append(String.join(",", values.stream().sorted().toList()));
        if (operator == Operator.IN || operator == Operator.NOT_IN) {
            sb.append(')');
        }
        return sb.toString();
    }
}
