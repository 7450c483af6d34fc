package io.knetsim.api;

import com.google.common.collect.ImmutableSortedMap;
import io.knetsim.api.labels.Operator;
import io.knetsim.api.labels.Requirement;
import io.knetsim.api.labels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A label selector as objects carry it (metav1.LabelSelector): {@code matchLabels} and
 * {@code matchExpressions}, all of which must hold. An empty selector matches everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {
    public LabelSelector {
        matchLabels = matchLabels == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(matchLabels);
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    /** {@code matchExpressions} entry: {@code key}, {@code operator} (In, NotIn, Exists, DoesNotExist), {@code values}. */
    public record Expression(String key, String operator, List<String> values) {
        public Expression {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** A selector of exact labels. */
    public static LabelSelector matching(Map<String, String> labels) {
        return new LabelSelector(labels, null);
    }

    /** The same selector with one more {@code matchLabels} entry. */
    public LabelSelector withMatchLabel(String key, String value) {
        ImmutableSortedMap.Builder<String, String> b = ImmutableSortedMap.naturalOrder();
        matchLabels.forEach((k, v) -> {
            if (!k.equals(key)) {
                b.put(k, v);
            }
        });
        b.put(key, value);
        return new LabelSelector(b.build(), matchExpressions);
    }

    /** Field errors of this selector at {@code path} (e.g. {@code spec.selector}). */
    public List<FieldError> validate(String path) {
        List<FieldError> errs = new ArrayList<>(Validation.labels(matchLabels, path + ".matchLabels"));
        for (int i = 0; i < matchExpressions.size(); i++) {
            Expression e = matchExpressions.get(i);
            String p = path + ".matchExpressions[" + i + "]";
            switch (e.operator() == null ? "" : e.operator()) {
                case "In", "NotIn" -> {
                    if (e.values().isEmpty()) {
                        errs.add(FieldError.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!e.values().isEmpty()) {
                        errs.add(FieldError.forbidden(p + ".values",
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errs.add(FieldError.invalid(p + ".operator", e.operator() == null ? "" : e.operator(),
                    "not a valid selector operator"));
            }
        }
        return errs;
    }

    /** The parsed form used for matching. */
    public Selector toSelector() {
        List<Requirement> reqs = new ArrayList<>();
        for (Expression e : matchExpressions) {
            Operator op = switch (e.operator()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new IllegalArgumentException("not a valid selector operator: " + e.operator());
            };
            reqs.add(new Requirement(e.key(), op, e.values()));
        }
        return Selector.fromSet(matchLabels).and(reqs);
    }

    /** Whether this selector selects nothing-in-particular (matches everything). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }
}
