package io.knetsim.api.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl's {@code -l} syntax: parsing, the canonical form (requirements sorted by key), matching, and apimachinery's parse errors. */
class SelectorTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "env", "prod", "tier", "front", "rank", "7");

    @Test
    void parsesEveryRequirementForm() {
        Selector s = Selector.parse("app=web, env!=dev,tier in (front, back),!canary,rank,x notin (a),y==b");
        assertThat(s).hasToString("app=web,!canary,env!=dev,rank,tier in (back,front),x notin (a),y==b");
        assertThat(s.requirements()).extracting(Requirement::operator).containsExactly(Operator.EQUALS,
            Operator.DOES_NOT_EXIST, Operator.NOT_EQUALS, Operator.EXISTS, Operator.IN, Operator.NOT_IN, Operator.DOUBLE_EQUALS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app=web|true", "app=db|false", "app!=db|true", "missing!=x|true", "env in (prod,staging)|true",
        "env notin (prod)|false", "missing notin (x)|true", "tier|true", "!tier|false", "!canary|true",
        "app=web,env=dev|false", "rank>5|true", "rank<5|false", "app>5|false", "''|true"})
    void matchesLikeApimachinery(String selector, boolean matches) {
        assertThat(Selector.parse(selector.equals("''") ? "" : selector).matches(WEB)).isEqualTo(matches);
    }

    @Test
    void emptySetMemberAndEmptyValue() {
        assertThat(Selector.parse("a in ()").matches(Map.of("a", ""))).isTrue();
        assertThat(Selector.parse("a=").matches(Map.of("a", ""))).isTrue();
        assertThat(Selector.parse("a=").matches(Map.of("a", "x"))).isFalse();
        assertThat(Selector.parse("in in (in,notin)").matches(Map.of("in", "notin"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app=web,|found '', expected: identifier after ','",
        "app=web)|found ')', expected: ',' or 'end of string'",
        ")|found ')', expected: !, identifier, or 'end of string'",
        "app in web|unable to parse requirement: found 'web' expected: '('",
        "app in (a b)|unable to parse requirement: found 'b', expected: ',' or ')'",
        "app in (|unable to parse requirement: found '', expected: ',', ')' or identifier",
        "app x|unable to parse requirement: found 'x', expected: in, notin, =, ==, !=, gt, lt",
        "!|unable to parse requirement: found '', expected: identifier",
        "app=(|unable to parse requirement: found '(', expected: identifier",
        "rank>x|unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"})
    void parseErrorsReadAsApimachinerys(String selector, String message) {
        assertThatThrownBy(() -> Selector.parse(selector)).isInstanceOf(SelectorParseException.class).hasMessage(message);
    }

    @Test
    void badKeyAndValueAreLabelErrors() {
        assertThatThrownBy(() -> Selector.parse("a@b=c")).hasMessage("unable to parse requirement: <nil>: Invalid value: "
            + "\"a@b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
            + "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        assertThatThrownBy(() -> Selector.parse("app=-web")).hasMessage("unable to parse requirement: values[0][app]: "
            + "Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
            + "or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }
}
