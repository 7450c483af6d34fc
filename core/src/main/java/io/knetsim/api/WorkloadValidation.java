package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/** Checks shared by Deployments and ReplicaSets: replicas, selector, and a template the selector matches. */
final class WorkloadValidation {
    private WorkloadValidation() {
    }

    static List<FieldError> validate(Integer replicas, LabelSelector selector, PodTemplateSpec template,
        String emptySelectorKind) {
        List<FieldError> errs = new ArrayList<>();
        if (replicas != null && replicas < 0) {
            errs.add(FieldError.invalid("spec.replicas", (long) replicas, "must be greater than or equal to 0"));
        }
        if (selector == null) {
            errs.add(FieldError.required("spec.selector", ""));
        } else {
            errs.addAll(selector.validate("spec.selector"));
            if (selector.isEmpty()) {
                errs.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for " + emptySelectorKind));
            }
        }
        if (template == null) {
            errs.add(FieldError.required("spec.template", ""));
            return errs;
        }
        if (selector != null && !selector.isEmpty() && errs.isEmpty()
            && !selector.toSelector().matches(template.labels())) {
            errs.add(FieldError.invalid("spec.template.metadata.labels", template.labels(),
                "`selector` does not match template `labels`"));
        }
        errs.addAll(Validation.labels(template.labels(), "spec.template.metadata.labels"));
        errs.addAll(Pod.validateSpec(template.spec(), "spec.template.spec"));
        if (template.spec() != null && template.spec().restartPolicy() != null
            && !template.spec().restartPolicy().equals("Always")) {
            errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", template.spec().restartPolicy(),
                "Always"));
        }
        return errs;
    }

    static PodTemplateSpec defaultTemplate(PodTemplateSpec t) {
        return t == null ? null : new PodTemplateSpec(t.metadata(), Pod.defaultSpec(t.spec()));
    }

    /** {@code spec.selector} cannot change: {@code spec.selector: Invalid value: {...}: field is immutable}. */
    static List<FieldError> selectorImmutable(LabelSelector now, LabelSelector before) {
        if (now != null && before != null && !java.util.Objects.equals(now, before)) {
            return List.of(FieldError.invalid("spec.selector", now, "field is immutable"));
        }
        return List.of();
    }
}
