package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A core/v1 Event: something that happened to an object, as {@code kubectl get events} and
 * {@code kubectl describe} show it: {@code type} Normal or Warning, a {@code reason}
 * ({@code Scheduled}, {@code FailedScheduling}, {@code SuccessfulCreate}, {@code Failed}, ...),
 * a message, and a {@code count} that grows when the same event repeats. Events have no spec
 * and no status. See {@link EventRecorder}.
 */
public record Event(String apiVersion, String kind, ObjectMeta metadata, ObjectReference involvedObject,
    String reason, String message, EventSource source, String firstTimestamp, String lastTimestamp, Integer count,
    String type) implements KubeObject<Event> {

    public static final ResourceType<Event> TYPE = new ResourceType<>("", "v1", "Event", "events", true, false,
        Event.class, e -> e, Validation::dns1123Subdomain, Event::validate,
        java.util.Map.of("involvedObject.kind", e -> ref(e).kind(), "involvedObject.namespace", e -> ref(e).namespace(),
            "involvedObject.name", e -> ref(e).name(), "involvedObject.uid", e -> ref(e).uid(),
            "reason", Event::reason, "type", Event::type,
            "source", e -> e.source == null ? null : e.source.component()));

    public Event {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Event" : kind;
    }

    @Override
    public Event withMetadata(ObjectMeta m) {
        return new Event(apiVersion, kind, m, involvedObject, reason, message, source, firstTimestamp, lastTimestamp,
            count, type);
    }

    /** The same event seen once more at {@code time}. */
    public Event repeated(String time) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, time,
            count == null ? 2 : count + 1, type);
    }

    private static ObjectReference ref(Event e) {
        return e.involvedObject == null ? new ObjectReference(null, null, null, null, null, null, null) : e.involvedObject;
    }

    static List<FieldError> validate(Event e) {
        List<FieldError> errs = new ArrayList<>();
        if (e.involvedObject == null) {
            errs.add(FieldError.required("involvedObject", ""));
        } else if (e.metadata.namespace() != null && e.involvedObject.namespace() != null
            && !e.metadata.namespace().equals(e.involvedObject.namespace())) {
            errs.add(FieldError.invalid("involvedObject.namespace", e.involvedObject.namespace(),
                "does not match event.namespace"));
        }
        if (e.type != null && !e.type.equals("Normal") && !e.type.equals("Warning")) {
            errs.add(FieldError.notSupported("type", e.type, "Normal", "Warning"));
        }
        return errs;
    }
}
