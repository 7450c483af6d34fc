package io.knetsim.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records Events about objects for one component (client-go's {@code EventRecorder}): a new
 * event is named {@code <object>.<timestamp in hex nanoseconds>} (one nanosecond later for each
 * further event about the object in the same instant, so names stay unique); the same event again (same
 * object, type, reason and message) increases {@code count} and moves {@code lastTimestamp}
 * instead of making a new object, as the event correlator does.
 */
public final class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private final ApiServer api;
    private final EventSource source;
    private final Map<String, String> seen = new HashMap<>();
    /** Per object, the next timestamp to try in a new event's name (names made in one instant stay unique). */
    private final Map<String, Long> nextStamp = new HashMap<>();

    public EventRecorder(ApiServer api, String component, String host) {
        this.api = api;
        this.source = new EventSource(component, host);
    }

    /** Records an event about {@code about} and returns the stored Event. */
    public Event record(KubeObject<?> about, String type, String reason, String message) {
        ObjectMeta m = about.metadata();
        String ns = m.namespace() == null ? "default" : m.namespace();
        String key = ns + "\0" + m.uid() + "\0" + type + "\0" + reason + "\0" + message;
        String now = ApiTime.format(api.sim().now());
        String known = seen.get(key);
        if (known != null) {
            Optional<Event> e = api.find(Event.class, ns, known);
            if (e.isPresent()) {
                return api.update(e.get().repeated(now));
            }
        }
        String objKey = ns + "/" + m.name();
        long stamp = Math.max(api.sim().now(), nextStamp.getOrDefault(objKey, 0L));
        String name;
        do {
            name = m.name() + "." + Long.toHexString(stamp++);
        } while (api.find(Event.class, ns, name).isPresent());
        nextStamp.put(objKey, stamp);
        Event e = api.create(new Event(null, null, ObjectMeta.of(ns, name), ObjectReference.to(about), reason, message,
            source, now, now, 1, type));
        seen.put(key, name);
        return e;
    }
}
