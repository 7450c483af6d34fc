package io.knetsim.api;

import io.knetsim.api.fields.FieldSelector;
import io.knetsim.api.labels.Selector;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.Simulator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One cluster's in-memory API server: typed objects stored by kind, namespace and name, with
 * the behaviour of kube-apiserver over etcd. It is called directly (not over the network).
 * <pre>
 *   create ─┐                       ┌─▶ watchers (ADDED/MODIFIED/DELETED, on the sim clock)
 *   update ─┼─▶ default ─▶ validate ─▶ store (rv = ++revision) ─┤
 *   delete ─┘                       └─▶ garbage collector (dependents of deleted owners)
 * </pre>
 * <ul>
 * <li>{@code resourceVersion} is one cluster-wide counter that every write increases, as etcd's
 * revision; {@code uid}s come from the seeded random source and {@code creationTimestamp} from
 * the simulated clock, so a run is the same for the same seed.</li>
 * <li>An update whose {@code resourceVersion} is not the stored one fails with 409 Conflict; an
 * update that changes nothing is a no-op (no new revision, no event).</li>
 * <li>{@code status} is only written by {@link #updateStatus}; {@link #update} keeps it.</li>
 * <li>Errors are {@link ApiException}s with the real status code, reason and message, and a
 * failed call changes nothing.</li>
 * <li>Watch events are delivered in revision order from the event loop, never from inside the
 * call that made the change.</li>
 * </ul>
 * Kinds are registered with {@link #register}; the core kinds are there from the start, as are
 * the namespaces {@code default}, {@code kube-node-lease}, {@code kube-public} and
 * {@code kube-system}.
 */
public final class ApiServer {
    /** The alphabet of generated names (apimachinery's {@code rand.String}): no vowels, no 0/1/3. */
    public static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Changes kept for watches from an older resourceVersion. */
    public static final int DEFAULT_HISTORY = 100_000;

    private final Simulator sim;
    private final String cluster;
    private final SimRandom uids;
    private final SimRandom names;
    private final Map<Class<?>, ResourceType<?>> types = new LinkedHashMap<>();
    /** type -> namespace ("" for cluster-scoped) -> name -> object. */
    private final Map<ResourceType<?>, TreeMap<String, TreeMap<String, KubeObject<?>>>> store =
        new java.util.IdentityHashMap<>(); // looked up only; iteration goes through types, in order
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    /** uid -> stored object, and owner uid -> uids of its dependents, for the garbage collector. */
    private final Map<String, KubeObject<?>> byUid = new java.util.HashMap<>();
    private final Map<String, java.util.Set<String>> dependents = new java.util.HashMap<>();
    private final List<Watcher<?>> watchers = new ArrayList<>();
    private final Map<ResourceType<?>, Admission<?>> admissions = new java.util.IdentityHashMap<>();
    private final GarbageCollector gc;
    private int historyLimit = DEFAULT_HISTORY;
    private long revision;

    /** A change at one revision; {@code old} is the previous object of a MODIFIED. */
    record Change(long rv, WatchEvent.Type type, ResourceType<?> rt, KubeObject<?> object, KubeObject<?> old) {
    }

    public ApiServer(Simulator sim, String cluster) {
        this.sim = sim;
        this.cluster = cluster;
        this.uids = sim.random("api/" + cluster + "/uid");
        this.names = sim.random("api/" + cluster + "/generateName");
        this.gc = new GarbageCollector(this);
        for (ResourceType<?> t : List.of(Namespace.TYPE, Node.TYPE, Pod.TYPE, Event.TYPE, Deployment.TYPE,
            ReplicaSet.TYPE)) {
            register(t);
        }
        for (String ns : List.of("default", "kube-node-lease", "kube-public", "kube-system")) {
            create(Namespace.named(ns));
        }
    }

    public Simulator sim() {
        return sim;
    }

    public String clusterName() {
        return cluster;
    }

    /** Makes a kind known; registering the same type twice is a no-op. */
    public <T extends KubeObject<T>> void register(ResourceType<T> type) {
        ResourceType<?> old = types.get(type.type());
        if (old != null && old != type) {
            throw new IllegalArgumentException("another resource type is registered for " + type.type().getName());
        }
        types.put(type.type(), type);
        store.computeIfAbsent(type, k -> new TreeMap<>());
    }

    /**
     * A step the server runs on a valid object before storing it (a mutating admission, or a
     * registry's allocation of cluster IPs and node ports): it returns the object to store, or
     * throws an {@link ApiException} and nothing is stored.
     *
     * @param <T> the kind
     */
    @FunctionalInterface
    public interface Admission<T> {
        /** {@code old} is the stored object on update, null on create. */
        T admit(T obj, T old);
    }

    /** Installs {@code a} for {@code type} (one per type; a second replaces the first). */
    public <T extends KubeObject<T>> void admission(ResourceType<T> type, Admission<T> a) {
        admissions.put(type, a);
    }

    @SuppressWarnings("unchecked")
    private <T extends KubeObject<T>> T admit(ResourceType<T> t, T obj, T old) {
        Admission<T> a = (Admission<T>) admissions.get(t);
        return a == null ? obj : a.admit(obj, old);
    }

    /** The registered type of {@code cls}. */
    @SuppressWarnings("unchecked")
    public <T extends KubeObject<T>> ResourceType<T> type(Class<T> cls) {
        ResourceType<T> t = (ResourceType<T>) types.get(cls);
        if (t == null) {
            throw new IllegalArgumentException("the server doesn't have a resource type for " + cls.getSimpleName());
        }
        return t;
    }

    /** The type of objects with this {@code apiVersion} and {@code kind} (what a manifest names), if registered. */
    public Optional<ResourceType<?>> typeForKind(String apiVersion, String kind) {
        for (ResourceType<?> t : types.values()) {
            if (t.apiVersion().equals(apiVersion) && t.kind().equals(kind)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The type a resource name refers to, as {@code kubectl get} takes it: the plural
     * ({@code pods}, {@code deployments.apps}) or the lowercase kind ({@code pod}); empty if none.
     */
    public Optional<ResourceType<?>> typeForResource(String resource) {
        for (ResourceType<?> t : types.values()) {
            if (resource.equals(t.plural()) || resource.equals(t.qualifiedResource())
                || resource.equals(t.kind().toLowerCase(java.util.Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The registered types, in registration order. */
    public Collection<ResourceType<?>> types() {
        return List.copyOf(types.values());
    }

    /** The current revision: the resourceVersion of the latest write. */
    public long resourceVersion() {
        return revision;
    }

    /** How many past changes are kept for watches that start from an old resourceVersion. */
    public void setHistoryLimit(int changes) {
        if (changes < 1) {
            throw new IllegalArgumentException("history limit must be positive: " + changes);
        }
        historyLimit = changes;
        trimHistory();
    }

    // ---------------------------------------------------------------- reads

    /** The object, or throws 404 {@code pods "x" not found}. */
    public <T extends KubeObject<T>> T get(Class<T> cls, String namespace, String name) {
        ResourceType<T> t = type(cls);
        return find(cls, namespace, name).orElseThrow(() -> ApiException.notFound(t, name));
    }

    /** A cluster-scoped object (a Node, a Namespace), or throws 404. */
    public <T extends KubeObject<T>> T get(Class<T> cls, String name) {
        return get(cls, null, name);
    }

    public <T extends KubeObject<T>> Optional<T> find(Class<T> cls, String namespace, String name) {
        ResourceType<T> t = type(cls);
        TreeMap<String, KubeObject<?>> byName = store.get(t).get(nsKey(t, namespace));
        return Optional.ofNullable(byName == null ? null : cls.cast(byName.get(name)));
    }

    /** Objects in {@code namespace} (all namespaces when null) matching {@code selector}, by namespace then name. */
    public <T extends KubeObject<T>> List<T> list(Class<T> cls, String namespace, Selector selector) {
        return list(cls, namespace, selector, FieldSelector.everything());
    }

    /**
     * Objects in {@code namespace} (all when null) matching both selectors (null for everything);
     * a field the kind does not support fails with 400 {@code field label not supported: ...}.
     */
    public <T extends KubeObject<T>> List<T> list(Class<T> cls, String namespace, Selector labels, FieldSelector fields) {
        ResourceType<T> t = type(cls);
        checkFields(t, fields);
        List<T> out = new ArrayList<>();
        TreeMap<String, TreeMap<String, KubeObject<?>>> byNs = store.get(t);
        Collection<TreeMap<String, KubeObject<?>>> scopes = namespace == null || !t.namespaced() ? byNs.values()
            : byNs.containsKey(namespace) ? List.of(byNs.get(namespace)) : List.of();
        for (TreeMap<String, KubeObject<?>> m : scopes) {
            for (KubeObject<?> o : m.values()) {
                T obj = cls.cast(o);
                if (matches(t, obj, labels, fields)) {
                    out.add(obj);
                }
            }
        }
        return out;
    }

    /**
     * As {@link #list(Class, String, Selector, FieldSelector)} with selectors in kubectl's
     * {@code -l} and {@code --field-selector} syntax ("" or null for all); an unparsable selector
     * fails with 400 BadRequest and the parser's message.
     */
    public <T extends KubeObject<T>> List<T> list(Class<T> cls, String namespace, String labelSelector,
        String fieldSelector) {
        Selector l;
        FieldSelector f;
        try {
            l = Selector.parse(labelSelector == null ? "" : labelSelector);
            f = FieldSelector.parse(fieldSelector);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return list(cls, namespace, l, f);
    }

    static <T extends KubeObject<T>> boolean matches(ResourceType<T> t, T o, Selector labels, FieldSelector fields) {
        return (labels == null || labels.matches(o.metadata().labels()))
            && (fields == null || fields.isEmpty() || fields.matches(t.fieldsOf(o)));
    }

    private static void checkFields(ResourceType<?> t, FieldSelector fields) {
        if (fields != null) {
            for (FieldSelector.Term term : fields.terms()) {
                if (!t.supportsField(term.field())) {
                    throw ApiException.badRequest("field label not supported: " + term.field());
                }
            }
        }
    }

    /** As {@link #list(Class, String, String, String)} with a label selector only. */
    public <T extends KubeObject<T>> List<T> list(Class<T> cls, String namespace, String labelSelector) {
        return list(cls, namespace, labelSelector, null);
    }

    /** Every object of a kind. */
    public <T extends KubeObject<T>> List<T> list(Class<T> cls) {
        return list(cls, null, Selector.everything());
    }

    // ---------------------------------------------------------------- writes

    /**
     * Creates {@code obj}: fills the namespace ({@code default} when a namespaced object has none),
     * the name from {@code generateName}, defaults, then validates and stores it with a new uid,
     * resourceVersion and creationTimestamp. Returns the stored object.
     */
    public <T extends KubeObject<T>> T create(T obj) {
        @SuppressWarnings("unchecked")
        ResourceType<T> t = type((Class<T>) obj.getClass());
        ObjectMeta m = obj.metadata() == null ? ObjectMeta.named(null) : obj.metadata();
        String ns = t.namespaced() ? (m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace())
            : null;
        String name = m.name();
        if ((name == null || name.isEmpty()) && m.generateName() != null && !m.generateName().isEmpty()) {
            name = generateName(t, ns, m.generateName());
        }
        m = m.withNamespace(ns).withName(name);
        if (t.namespaced() && !exists(Namespace.TYPE, null, ns)) {
            throw ApiException.notFound(Namespace.TYPE, ns);
        }
        T o = t.defaulter().apply(obj.withMetadata(m));
        List<FieldError> errs = validateMeta(t, o.metadata(), true);
        errs.addAll(t.validator().apply(o));
        if (!errs.isEmpty()) {
            throw ApiException.invalid(t, name == null ? "" : name, errs);
        }
        if (exists(t, ns, name)) {
            throw ApiException.alreadyExists(t, name);
        }
        o = admit(t, o, null);
        long rv = revision + 1;
        ObjectMeta stored = o.metadata().withUid(newUid()).withResourceVersion(Long.toString(rv))
            .withCreationTimestamp(ApiTime.format(sim.now())).withGeneration(o.tracksGeneration() ? 1L : null);
        T s = o.withMetadata(stored);
        put(t, s);
        commit(new Change(rv, WatchEvent.Type.ADDED, t, s, null));
        return s;
    }

    /**
     * Replaces the object's spec and metadata (labels, annotations, owner references); its status
     * is kept. A non-empty {@code metadata.resourceVersion} must be the stored one, or the update
     * fails with 409 Conflict. A change of {@code spec} increases {@code metadata.generation}.
     */
    public <T extends KubeObject<T>> T update(T obj) {
        @SuppressWarnings("unchecked")
        ResourceType<T> t = type((Class<T>) obj.getClass());
        T existing = existing(t, obj);
        T o = t.defaulter().apply(obj);
        if (t.hasStatus()) {
            o = o.withStatusOf(existing);
        }
        ObjectMeta em = existing.metadata();
        ObjectMeta m = o.metadata().withUid(em.uid()).withCreationTimestamp(em.creationTimestamp())
            .withNamespace(em.namespace()).withName(em.name()).withGenerateName(em.generateName())
            .withResourceVersion(em.resourceVersion()).withGeneration(em.generation());
        o = o.withMetadata(m);
        List<FieldError> errs = validateMeta(t, m, false);
        errs.addAll(t.validator().apply(o));
        errs.addAll(o.validateUpdate(existing));
        if (!errs.isEmpty()) {
            throw ApiException.invalid(t, em.name(), errs);
        }
        o = admit(t, o, existing);
        if (o.tracksGeneration() && !java.util.Objects.equals(o.spec(), existing.spec())) {
            o = o.withMetadata(m.withGeneration(em.generation() == null ? 1 : em.generation() + 1));
        }
        return write(t, existing, o);
    }

    /** Replaces only the object's {@code status} (the status subresource); conflicts as {@link #update}. */
    public <T extends KubeObject<T>> T updateStatus(T obj) {
        @SuppressWarnings("unchecked")
        ResourceType<T> t = type((Class<T>) obj.getClass());
        if (!t.hasStatus()) {
            throw new ApiException(Status.failure(404, "NotFound", "the server could not find the requested resource",
                null));
        }
        T existing = existing(t, obj);
        T o = existing.withStatusOf(obj);
        List<FieldError> errs = t.validator().apply(o);
        if (!errs.isEmpty()) {
            throw ApiException.invalid(t, existing.metadata().name(), errs);
        }
        return write(t, existing, o);
    }

    /** Deletes the object; its dependents are garbage-collected in the background. Returns the deleted object. */
    public <T extends KubeObject<T>> T delete(Class<T> cls, String namespace, String name) {
        return delete(cls, namespace, name, PropagationPolicy.BACKGROUND);
    }

    /**
     * Deletes the object. With {@link PropagationPolicy#BACKGROUND} the objects it owns are
     * deleted after it (on the event loop); with {@link PropagationPolicy#ORPHAN} they lose
     * their owner reference and stay. Deleting a namespace deletes everything in it;
     * {@code default}, {@code kube-system} and {@code kube-public} cannot be deleted (403).
     */
    public <T extends KubeObject<T>> T delete(Class<T> cls, String namespace, String name, PropagationPolicy policy) {
        ResourceType<T> t = type(cls);
        T existing = get(cls, namespace, name);
        if (t == Namespace.TYPE && List.of("default", "kube-system", "kube-public").contains(name)) {
            throw new ApiException(Status.failure(403, "Forbidden", "namespaces " + GoQuote.quote(name)
                + " is forbidden: this namespace may not be deleted", new Status.Details(name, null, "namespaces", null)));
        }
        if (t == Namespace.TYPE) {
            for (ResourceType<?> rt : types.values()) {
                if (rt.namespaced()) {
                    TreeMap<String, KubeObject<?>> inNs = store.get(rt).get(name);
                    for (KubeObject<?> o : inNs == null ? List.<KubeObject<?>>of() : List.copyOf(inNs.values())) {
                        remove(rt, o);
                    }
                }
            }
        }
        T gone = remove(t, existing);
        if (policy == PropagationPolicy.ORPHAN) {
            gc.orphan(existing.metadata().uid());
        } else {
            gc.ownerDeleted(existing.metadata().uid());
        }
        return gone;
    }

    /**
     * Watches a kind in {@code namespace} (all when null) for objects matching {@code selector}
     * (all when null). With {@code resourceVersion} null, "" or "0" the watch starts with an
     * ADDED event for every current object; with a revision N it replays every change after N
     * (410 Expired when N is older than the kept history). With a selector, an object that
     * stops matching is seen as DELETED and one that starts matching as ADDED. Events are
     * delivered on the simulator's event loop, in revision order.
     */
    public <T extends KubeObject<T>> Watch watch(Class<T> cls, String namespace, Selector selector,
        String resourceVersion, Consumer<WatchEvent<T>> handler) {
        return watch(cls, namespace, selector, FieldSelector.everything(), resourceVersion, handler);
    }

    /**
     * As {@link #watch(Class, String, Selector, String, Consumer)}, also filtered by a field
     * selector: a kubelet watches {@code spec.nodeName=<its node>}.
     */
    public <T extends KubeObject<T>> Watch watch(Class<T> cls, String namespace, Selector selector,
        FieldSelector fields, String resourceVersion, Consumer<WatchEvent<T>> handler) {
        ResourceType<T> t = type(cls);
        checkFields(t, fields);
        Watcher<T> w = new Watcher<>(this, t, cls, namespace, selector == null ? Selector.everything() : selector,
            fields == null ? FieldSelector.everything() : fields, handler);
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            for (T o : list(cls, namespace, w.selector, w.fields)) {
                w.enqueue(new WatchEvent<>(WatchEvent.Type.ADDED, o));
            }
        } else {
            long from;
            try {
                from = Long.parseLong(resourceVersion);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid resource version: " + GoQuote.quote(resourceVersion));
            }
            long oldest = history.isEmpty() ? revision + 1 : history.peekFirst().rv();
            if (from < oldest - 1) {
                throw ApiException.expired(from, oldest - 1);
            }
            for (Change c : history) {
                if (c.rv() > from) {
                    w.offer(c);
                }
            }
        }
        watchers.add(w);
        return w;
    }

    // ---------------------------------------------------------------- internals

    void removeWatcher(Watcher<?> w) {
        watchers.remove(w);
    }

    private <T extends KubeObject<T>> T existing(ResourceType<T> t, T obj) {
        ObjectMeta m = obj.metadata();
        String name = m == null ? null : m.name();
        String ns = t.namespaced() ? (m == null || m.namespace() == null || m.namespace().isEmpty() ? "default"
            : m.namespace()) : null;
        @SuppressWarnings("unchecked")
        T existing = find((Class<T>) t.type(), ns, name).orElseThrow(() -> ApiException.notFound(t,
            name == null ? "" : name));
        String rv = m == null ? null : m.resourceVersion();
        if (rv != null && !rv.isEmpty() && !rv.equals(existing.metadata().resourceVersion())) {
            throw ApiException.conflict(t, name);
        }
        return existing;
    }

    private <T extends KubeObject<T>> T write(ResourceType<T> t, T existing, T o) {
        if (o.equals(existing)) {
            return existing;
        }
        long rv = revision + 1;
        T s = o.withMetadata(o.metadata().withResourceVersion(Long.toString(rv)));
        put(t, s);
        commit(new Change(rv, WatchEvent.Type.MODIFIED, t, s, existing));
        return s;
    }

    <T extends KubeObject<T>> T remove(ResourceType<?> t, KubeObject<?> existing) {
        ObjectMeta m = existing.metadata();
        TreeMap<String, KubeObject<?>> byName = store.get(t).get(nsKey(t, m.namespace()));
        unindex(byName.remove(m.name()));
        if (byName.isEmpty()) {
            store.get(t).remove(nsKey(t, m.namespace()));
        }
        long rv = revision + 1;
        @SuppressWarnings("unchecked")
        T gone = (T) ((KubeObject<?>) withRv(existing, rv));
        commit(new Change(rv, WatchEvent.Type.DELETED, t, gone, null));
        return gone;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KubeObject<?> withRv(KubeObject<?> o, long rv) {
        return (KubeObject<?>) ((KubeObject) o).withMetadata(o.metadata().withResourceVersion(Long.toString(rv)));
    }

    /** Objects of every kind whose owner references include {@code ownerUid}, in the order they were stored. */
    List<KubeObject<?>> dependentsOf(String ownerUid) {
        java.util.Set<String> uids = dependents.get(ownerUid);
        List<KubeObject<?>> out = new ArrayList<>();
        if (uids != null) {
            for (String uid : uids) {
                out.add(byUid.get(uid));
            }
        }
        return out;
    }

    /** Whether an object with this uid is stored (any kind). */
    boolean uidExists(String uid) {
        return byUid.containsKey(uid);
    }

    ResourceType<?> typeOf(KubeObject<?> o) {
        return types.get(o.getClass());
    }

    /** Stores {@code o} under its namespace and name, as the garbage collector's internal writes do. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void rewrite(KubeObject<?> existing, KubeObject<?> changed) {
        ResourceType t = typeOf(existing);
        write(t, (KubeObject) existing, (KubeObject) changed);
    }

    private void put(ResourceType<?> t, KubeObject<?> o) {
        KubeObject<?> old = store.get(t).computeIfAbsent(nsKey(t, o.metadata().namespace()), k -> new TreeMap<>())
            .put(o.metadata().name(), o);
        if (old != null) {
            unindex(old);
        }
        String uid = o.metadata().uid();
        byUid.put(uid, o);
        for (OwnerReference r : o.metadata().ownerReferences()) {
            if (r.uid() != null) {
                dependents.computeIfAbsent(r.uid(), k -> new java.util.LinkedHashSet<>()).add(uid);
            }
        }
    }

    private void unindex(KubeObject<?> o) {
        String uid = o.metadata().uid();
        byUid.remove(uid);
        for (OwnerReference r : o.metadata().ownerReferences()) {
            java.util.Set<String> d = r.uid() == null ? null : dependents.get(r.uid());
            if (d != null) {
                d.remove(uid);
                if (d.isEmpty()) {
                    dependents.remove(r.uid());
                }
            }
        }
    }

    private void commit(Change c) {
        revision = c.rv();
        history.addLast(c);
        trimHistory();
        for (Watcher<?> w : List.copyOf(watchers)) {
            w.offer(c);
        }
    }

    private void trimHistory() {
        while (history.size() > historyLimit) {
            history.removeFirst();
        }
    }

    private boolean exists(ResourceType<?> t, String ns, String name) {
        TreeMap<String, KubeObject<?>> byName = store.get(t).get(nsKey(t, ns));
        return byName != null && name != null && byName.containsKey(name);
    }

    private static String nsKey(ResourceType<?> t, String ns) {
        return t.namespaced() ? (ns == null || ns.isEmpty() ? "default" : ns) : "";
    }

    private List<FieldError> validateMeta(ResourceType<?> t, ObjectMeta m, boolean create) {
        List<FieldError> errs = new ArrayList<>();
        if (m.name() == null || m.name().isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            for (String msg : t.nameRule().apply(m.name())) {
                errs.add(FieldError.invalid("metadata.name", m.name(), msg));
            }
        }
        if (t.namespaced()) {
            for (String msg : Validation.dns1123Label(m.namespace())) {
                errs.add(FieldError.invalid("metadata.namespace", m.namespace(), msg));
            }
        }
        errs.addAll(Validation.labels(m.labels(), "metadata.labels"));
        return errs;
    }

    /** {@code generateName} plus five random characters, as the API server's name generator makes them. */
    private String generateName(ResourceType<?> t, String ns, String prefix) {
        String p = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        while (true) {
            StringBuilder sb = new StringBuilder(p);
            for (int i = 0; i < 5; i++) {
                sb.append(NAME_ALPHABET.charAt(names.nextInt(NAME_ALPHABET.length())));
            }
            if (!exists(t, ns, sb.toString())) {
                return sb.toString();
            }
        }
    }

    /** A version 4 UUID from the seeded random source. */
    private String newUid() {
        long hi = (uids.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (uids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }
}
