package io.knetsim.api.labels;

/** A label selector operator ({@code selection.Operator}), with its text in selector syntax. */
public enum Operator {
    IN("in"), NOT_IN("notin"), EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), EXISTS("exists"),
    DOES_NOT_EXIST("!"), GREATER_THAN("gt"), LESS_THAN("lt");

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    /** The operator as selector syntax and error messages spell it. */
    public String text() {
        return text;
    }
}
