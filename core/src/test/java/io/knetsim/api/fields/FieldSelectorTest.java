package io.knetsim.api.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --field-selector} terms: equality, inequality, escapes and the parse error. */
class FieldSelectorTest {
    private static final Map<String, String> POD = Map.of("spec.nodeName", "c0w1", "status.phase", "Running",
        "metadata.name", "a=b,c");

    @Test
    void equalityAndInequality() {
        assertThat(FieldSelector.parse("spec.nodeName=c0w1").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName==c0w2").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName=c0w1,status.phase!=Failed").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("status.phase!=Running").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName=").matches(Map.of("spec.nodeName", ""))).isTrue();
        assertThat(FieldSelector.parse("").matches(POD)).isTrue();
    }

    @Test
    void escapedValues() {
        FieldSelector f = FieldSelector.parse("metadata.name=a\\=b\\,c");
        assertThat(f.terms()).containsExactly(new FieldSelector.Term("metadata.name", true, "a=b,c"));
        assertThat(f.matches(POD)).isTrue();
        assertThat(f).hasToString("metadata.name=a\\=b\\,c");
    }

    @Test
    void aTermWithoutOperatorIsNotUnderstood() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName=c0w1,status.phase"))
            .hasMessage("invalid selector: 'spec.nodeName=c0w1,status.phase'; can't understand 'status.phase'");
    }
}
