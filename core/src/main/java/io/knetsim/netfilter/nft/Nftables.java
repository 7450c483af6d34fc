package io.knetsim.netfilter.nft;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.NfHooks;
import io.knetsim.netfilter.Verdict;
import io.knetsim.netfilter.conntrack.Conntrack;
import io.knetsim.netfilter.conntrack.CtInfo;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The nftables ruleset of one namespace ({@code struct nftables_pernet}) and its small VM.
 *
 * <pre>
 *  NfHooks[hook] --(priority)--> base chain --rule--rule--jump--> regular chain --return--+
 *                                    |  <------------------------------------------------+
 *                                    +-- end: policy accept | drop
 * </pre>
 *
 * Changes go through {@link #apply}: a batch either applies whole or, on the first
 * {@link NftException}, is undone, as an nft transaction. Every rule is checked when it is
 * added (unknown chain, jump to a base chain, jump loop, types) and each base chain is one
 * function registered in the namespace's {@link NfHooks} at its hook and priority.
 */
public final class Nftables {
    /** Jumps a packet may be deep in ({@code NFT_JUMP_STACK_SIZE}). */
    public static final int JUMP_STACK = 16;
    /** Lines the kernel log keeps before dropping the oldest. */
    public static final int KERNEL_LOG_LINES = 10_000;

    private final NetNamespace ns;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private long tableHandle;
    private final List<NfHooks.Entry> registered = new ArrayList<>();
    /** The nat base chains by hook in priority order, as {@link #syncHooks} last found them. */
    private final Map<NfHook, List<Chain>> natChains = new java.util.EnumMap<>(NfHook.class);
    private final Deque<String> kernelLog = new ArrayDeque<>();
    private SimRandom random;
    private SimRandom traceRandom;
    private final List<TraceMonitor> traceMonitors = new ArrayList<>();
    private Deque<Runnable> undo;
    /** Sets whose elements the current transaction already saved for undo. */
    private final Set<NftSet> guarded = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private Conntrack conntrack;

    public Nftables(NetNamespace ns) {
        this.ns = ns;
    }

    public NetNamespace ns() {
        return ns;
    }

    /** The namespace's connection tracker; its hooks are registered while the ruleset needs it. */
    public Conntrack conntrack() {
        if (conntrack == null) {
            conntrack = new Conntrack(ns);
        }
        return conntrack;
    }

    SimRandom random() {
        if (random == null) {
            random = ns.sim().random("nft/" + ns.name());
        }
        return random;
    }

    /** Lines written by {@code log} statements, with the kernel's {@code [seconds.micros]} stamp. */
    public List<String> kernelLog() {
        return List.copyOf(kernelLog);
    }

    void log(String line) {
        if (kernelLog.size() == KERNEL_LOG_LINES) {
            kernelLog.removeFirst(); // a ring buffer: the oldest lines go
        }
        long now = ns.sim().now();
        kernelLog.add(String.format(java.util.Locale.ROOT, "[%5d.%06d] %s", now / 1_000_000_000L,
            (now % 1_000_000_000L) / 1000, line));
    }

    // ---- tracing ----------------------------------------------------------------------------

    /**
     * Starts an {@code nft monitor trace} listener: {@code lines} receives, one call a line
     * without its newline, the trace events of packets marked with {@code meta nftrace set 1}.
     */
    public TraceMonitor monitorTrace(Consumer<String> lines) {
        TraceMonitor m = new TraceMonitor(this, lines);
        traceMonitors.add(m);
        return m;
    }

    void removeTraceMonitor(TraceMonitor m) {
        traceMonitors.remove(m);
    }

    /** {@code trace id 0a1b2c3d ip filter output }: the packet's id (kept on the skb), family, table, chain. */
    private String traceHeader(NftPacket p, Chain c) {
        if (p.skb.traceId == 0) {
            if (traceRandom == null) {
                traceRandom = ns.sim().random("nft-trace/" + ns.name());
            }
            int id;
            do {
                id = traceRandom.nextInt();
            } while (id == 0);
            p.skb.traceId = id;
        }
        return String.format(java.util.Locale.ROOT, "trace id %08x %s %s %s ", p.skb.traceId,
            c.table().family().text(), c.table().name(), c.name());
    }

    /**
     * One trace event: {@code rule RULE (verdict V)} when {@code rule} is given (each monitor
     * writes the rule from its own copy of the ruleset), else {@code event}. The first event of
     * a base chain's run carries the packet line before it. Returns true (the packet is dumped).
     */
    private boolean trace(NftPacket p, Chain c, boolean dumped, Rule rule, String event) {
        String hdr = traceHeader(p, c);
        String packet = dumped ? null : hdr + TracePacket.format(p);
        for (TraceMonitor m : List.copyOf(traceMonitors)) {
            if (packet != null) {
                m.emit(packet);
            }
            m.emit(hdr + (rule == null ? event : "rule " + m.ruleText(rule) + " (verdict " + event + ")"));
        }
        return true;
    }

    private static String markSuffix(NftPacket p) {
        return p.skb.mark == 0 ? "" : String.format(java.util.Locale.ROOT, "meta mark 0x%08x ", p.skb.mark);
    }

    // ---- transactions ---------------------------------------------------------------------

    /** Runs {@code changes} as one transaction: all of it, or (on an exception) none of it. */
    public void apply(Consumer<Nftables> changes) {
        boolean outer = undo == null;
        if (!outer) {
            changes.accept(this);
            return;
        }
        undo = new ArrayDeque<>();
        guarded.clear();
        try {
            changes.accept(this);
            for (TraceMonitor m : traceMonitors) {
                m.cacheRules(); // nft's cache follows the new rules as their events arrive
            }
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            undo = null;
            guarded.clear();
            syncHooks();
        }
    }

    private void onUndo(Runnable r) {
        if (undo != null) {
            undo.push(r);
        }
    }

    // ---- tables ---------------------------------------------------------------------------

    /** Tables in creation order. */
    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    private static String key(Family f, String name) {
        return f.text() + " " + name;
    }

    /** The table, or null. */
    public Table table(Family f, String name) {
        return tables.get(key(f, name));
    }

    /** {@code add table}: the table, made if missing; with {@code create}, an existing one is an error. */
    public Table addTable(Family f, String name, boolean create) {
        Table t = table(f, name);
        if (t != null) {
            if (create) {
                throw new NftException("Could not process rule: File exists");
            }
            return t;
        }
        long old = tableHandle;
        Table n = new Table(f, name, ++tableHandle);
        tables.put(key(f, name), n);
        onUndo(() -> {
            tables.remove(key(f, name));
            tableHandle = old;
        });
        syncIfStandalone();
        return n;
    }

    public void deleteTable(Table t) {
        String k = key(t.family(), t.name());
        List<Map.Entry<String, Table>> before = new ArrayList<>(tables.entrySet());
        tables.remove(k);
        onUndo(() -> {
            tables.clear();
            for (Map.Entry<String, Table> e : before) {
                tables.put(e.getKey(), e.getValue());
            }
        });
        syncIfStandalone();
    }

    /** {@code flush ruleset}. */
    public void flushRuleset() {
        for (Table t : tables()) {
            deleteTable(t);
        }
    }

    /** {@code flush table}: every chain's rules go, chains and sets stay. */
    public void flushTable(Table t) {
        for (Chain c : t.chains()) {
            flushChain(c);
        }
    }

    // ---- chains ---------------------------------------------------------------------------

    /** {@code add chain}: made if missing; an existing base chain may change its policy only. */
    public Chain addChain(Table t, String name, BaseChain base, boolean create) {
        Chain c = t.chain(name);
        if (c != null) {
            if (create) {
                throw new NftException("Could not process rule: File exists");
            }
            if (base != null) {
                BaseChain old = c.base;
                if (old == null || old.type() != base.type() || old.hook() != base.hook()
                    || old.priority() != base.priority()) {
                    throw new NftException("Could not process rule: Device or resource busy");
                }
                c.base = base;
                onUndo(() -> c.base = old);
            }
            syncIfStandalone();
            return c;
        }
        if (base != null && !base.type().allows(base.hook())) {
            throw new NftException("Could not process rule: Operation not supported");
        }
        long oldHandle = t.lastHandle;
        Chain n = new Chain(t, name, t.allocHandle(), base);
        t.chains.put(name, n);
        onUndo(() -> {
            t.chains.remove(name);
            t.lastHandle = oldHandle;
        });
        syncIfStandalone();
        return n;
    }

    /** {@code delete chain}: only an empty chain no rule jumps to. */
    public void deleteChain(Chain c) {
        Table t = c.table();
        if (!c.rules.isEmpty() || isReferenced(t, c)) {
            throw new NftException("Could not process rule: Device or resource busy");
        }
        List<Map.Entry<String, Chain>> before = new ArrayList<>(t.chains.entrySet());
        t.chains.remove(c.name());
        onUndo(() -> {
            t.chains.clear();
            for (Map.Entry<String, Chain> e : before) {
                t.chains.put(e.getKey(), e.getValue());
            }
        });
        syncIfStandalone();
    }

    /** {@code flush chain}. */
    public void flushChain(Chain c) {
        List<Rule> old = new ArrayList<>(c.rules);
        c.rules.clear();
        old.forEach(r -> use(c, r, -1));
        onUndo(() -> {
            c.rules.clear();
            c.rules.addAll(old);
            old.forEach(r -> use(c, r, 1));
        });
    }

    // ---- rules ----------------------------------------------------------------------------

    /** Where a new rule goes. */
    public enum Position { APPEND, PREPEND, AFTER, BEFORE }

    /**
     * Adds a rule after checking it: jump and goto targets must be regular chains of the same
     * table and must not lead back to {@code c}; sets must belong to the table. Anonymous sets
     * get their handles first, then the rule, as in the kernel.
     *
     * @param handle with {@link Position#AFTER}/{@link Position#BEFORE}, the rule to place it next to
     */
    public Rule addRule(Chain c, List<Stmt> stmts, Position pos, long handle) {
        int at = switch (pos) {
            case APPEND -> c.rules.size();
            case PREPEND -> 0;
            case AFTER, BEFORE -> {
                int i = c.indexOf(handle);
                if (i < 0) {
                    throw new NftException("Could not process rule: No such file or directory");
                }
                yield pos == Position.AFTER ? i + 1 : i;
            }
        };
        Table t = c.table();
        check(c, stmts);
        long oldHandle = t.lastHandle;
        for (NftSet s : anonymousSets(stmts)) {
            s.handle = t.allocHandle();
        }
        Rule r = new Rule(t.allocHandle(), stmts);
        c.rules.add(at, r);
        use(c, r, 1);
        onUndo(() -> {
            c.rules.remove(r);
            use(c, r, -1);
            t.lastHandle = oldHandle;
        });
        return r;
    }

    /** {@code replace rule ... handle N}: the new rule takes the old one's place and handle. */
    public Rule replaceRule(Chain c, long handle, List<Stmt> stmts) {
        int i = c.indexOf(handle);
        if (i < 0) {
            throw new NftException("Could not process rule: No such file or directory");
        }
        check(c, stmts);
        Table t = c.table();
        long oldHandle = t.lastHandle;
        for (NftSet s : anonymousSets(stmts)) {
            s.handle = t.allocHandle();
        }
        Rule old = c.rules.get(i);
        Rule r = new Rule(handle, stmts);
        c.rules.set(i, r);
        use(c, old, -1);
        use(c, r, 1);
        onUndo(() -> {
            c.rules.set(c.rules.indexOf(r), old);
            use(c, r, -1);
            use(c, old, 1);
            t.lastHandle = oldHandle;
        });
        return r;
    }

    public void deleteRule(Chain c, long handle) {
        int i = c.indexOf(handle);
        if (i < 0) {
            throw new NftException("Could not process rule: No such file or directory");
        }
        Rule old = c.rules.remove(i);
        use(c, old, -1);
        onUndo(() -> {
            c.rules.add(i, old);
            use(c, old, 1);
        });
    }

    /**
     * Counts {@code r} in or out of the users of the named sets it refers to ({@link NftSet#users}),
     * of the chains it jumps to ({@link Chain#uses}) and of its table's rules that need conntrack
     * ({@link Table#conntrackRules}), so that neither deleting a chain nor {@link #syncHooks}
     * reads every rule of every table.
     */
    private static void use(Chain c, Rule r, int delta) {
        if (usesConntrack(r)) {
            c.table().conntrackRules += delta;
        }
        for (Object o : refs(r.stmts())) {
            if (o instanceof Chain target) {
                target.uses += delta;
            } else if (o instanceof NftSet s && s.anonymous()) {
                for (Chain target : s.targetChains()) {
                    target.uses += delta;
                }
            } else if (o instanceof NftSet s) {
                s.users.merge(c, delta, (a, b) -> a + b == 0 ? null : a + b);
            }
        }
    }

    private static List<NftSet> anonymousSets(List<Stmt> stmts) {
        List<NftSet> out = new ArrayList<>();
        for (Object o : refs(stmts)) {
            if (o instanceof NftSet s && s.anonymous()) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Object> refs(List<Stmt> stmts) {
        List<Object> out = new ArrayList<>();
        for (Stmt s : stmts) {
            s.references(out);
        }
        return out;
    }

    private void check(Chain c, List<Stmt> stmts) {
        Table t = c.table();
        BaseChain b = c.base();
        for (Stmt s : stmts) {
            if (s instanceof NatStmt nat && b != null) {
                boolean hookOk = nat.source() ? b.hook() == NfHook.POSTROUTING || b.hook() == NfHook.INPUT
                    : b.hook() == NfHook.PREROUTING || b.hook() == NfHook.OUTPUT;
                if (b.type() != ChainType.NAT || !hookOk) {
                    throw new NftException("Could not process rule: Operation not supported");
                }
            }
        }
        for (Object o : refs(stmts)) {
            if (o instanceof NftSet s) {
                if (!s.anonymous() && t.set(s.name()) != s) {
                    throw new NftException("Could not process rule: No such file or directory");
                }
                for (Chain target : s.targetChains()) {
                    checkJump(c, target);
                }
            } else if (o instanceof Chain target) {
                checkJump(c, target);
            }
        }
    }

    private void checkJump(Chain from, Chain target) {
        if (target.table() != from.table() || target.table().chain(target.name()) != target) {
            throw new NftException("Could not process rule: No such file or directory");
        }
        if (target.base() != null) {
            throw new NftException("Could not process rule: Operation not supported");
        }
        if (reaches(target, from, new HashSet<>(), 0)) {
            throw new NftException("Could not process rule: Too many levels of symbolic links");
        }
    }

    /** True if a packet in {@code from} could jump, goto or map its way to {@code to}, or go too deep. */
    private static boolean reaches(Chain from, Chain to, Set<Chain> seen, int depth) {
        if (from == to || depth >= JUMP_STACK) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (Rule r : from.rules) {
            for (Object o : refs(r.stmts())) {
                List<Chain> next = o instanceof Chain ch ? List.of(ch)
                    : o instanceof NftSet s ? s.targetChains() : List.of();
                for (Chain n : next) {
                    if (reaches(n, to, seen, depth + 1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether a rule or a named map of {@code t} refers to {@code target}. For a chain the rules'
     * references are counted as rules come and go ({@link Chain#uses}, the kernel's chain use
     * count), so deleting a chain does not read every rule of the table.
     */
    private static boolean isReferenced(Table t, Object target) {
        if (target instanceof Chain chain) {
            if (chain.uses > 0) {
                return true;
            }
            for (NftSet s : t.sets.values()) {
                if (s.targetChains().contains(chain)) {
                    return true;
                }
            }
            return false;
        }
        for (Chain c : t.chains.values()) {
            for (Rule r : c.rules) {
                for (Object o : refs(r.stmts())) {
                    if (o == target || (o instanceof NftSet s && s.targetChains().contains(target))) {
                        return true;
                    }
                }
            }
        }
        for (NftSet s : t.sets.values()) {
            if (s.targetChains().contains(target)) {
                return true;
            }
        }
        return false;
    }

    // ---- sets and maps --------------------------------------------------------------------

    /** {@code add set|map}: made if missing; an existing one must have the same type. */
    public NftSet addSet(Table t, NftSet s, boolean create) {
        NftSet old = t.set(s.name());
        if (old != null) {
            if (create) {
                throw new NftException("Could not process rule: File exists");
            }
            if (!old.sameType(s)) {
                throw new NftException("Could not process rule: File exists");
            }
            return old;
        }
        long oldHandle = t.lastHandle;
        s.handle = t.allocHandle();
        s.clock = () -> ns.sim().now();
        t.sets.put(s.name(), s);
        onUndo(() -> {
            t.sets.remove(s.name());
            t.lastHandle = oldHandle;
        });
        return s;
    }

    /** {@code delete set|map}: only one no rule uses. */
    public void deleteSet(Table t, NftSet s) {
        if (isReferenced(t, s)) {
            throw new NftException("Could not process rule: Device or resource busy");
        }
        List<Map.Entry<String, NftSet>> before = new ArrayList<>(t.sets.entrySet());
        t.sets.remove(s.name());
        onUndo(() -> {
            t.sets.clear();
            for (Map.Entry<String, NftSet> e : before) {
                t.sets.put(e.getKey(), e.getValue());
            }
        });
    }

    /**
     * Saves a set's elements for undo before the transaction's first change to them (once: a
     * sync that adds 10,000 elements copies the set once, not 10,000 times).
     */
    private void guard(NftSet s) {
        if (undo == null || !guarded.add(s)) {
            return;
        }
        Object snap = s.snapshot();
        onUndo(() -> s.restore(snap));
    }

    /**
     * Adds an element ({@code data} null for a set). For a verdict map, jumps are checked
     * against every chain whose rules use the map.
     */
    public void addElement(Table t, NftSet s, Object key, Object data) {
        guard(s);
        checkElementData(t, s, data);
        s.add(key, data);
    }

    /** Adds a range or prefix element to a set with {@code flags interval}. */
    public void addRange(Table t, NftSet s, long lo, long hi, int prefixLen, Object data) {
        guard(s);
        checkElementData(t, s, data);
        s.addRange(lo, hi, prefixLen, data);
    }

    private void checkElementData(Table t, NftSet s, Object data) {
        if (data instanceof NftVerdict v && v.chain() != null) {
            for (Chain c : s.users.keySet()) {
                checkJump(c, v.chain());
            }
            if (v.chain().base() != null) {
                throw new NftException("Could not process rule: Operation not supported");
            }
        }
    }

    /** {@code delete element}; {@code key} is a value or an {@link NftSet.Interval}. */
    public void deleteElement(NftSet s, Object key) {
        guard(s);
        if (!s.remove(key)) {
            throw new NftException("Could not process rule: No such file or directory");
        }
    }

    public void flushSet(NftSet s) {
        guard(s);
        s.clear();
    }

    // ---- hooks and evaluation -------------------------------------------------------------

    private void syncIfStandalone() {
        if (undo == null) {
            syncHooks();
        }
    }

    /**
     * Registers one hook function per filter and route base chain, in table and chain order;
     * nat chains are run by conntrack's NAT hooks instead, on a flow's first packet. Conntrack
     * is on while a nat chain, a {@code ct} expression or a NAT statement exists.
     */
    private void syncHooks() {
        NfHooks hooks = ns.hooks();
        for (NfHooks.Entry e : registered) {
            hooks.unregister(e);
        }
        registered.clear();
        natChains.clear();
        boolean needsConntrack = false;
        for (Table t : tables.values()) {
            for (Chain c : t.chains.values()) {
                BaseChain b = c.base();
                if (b != null && b.type() == ChainType.NAT) {
                    needsConntrack = true;
                    natChains.computeIfAbsent(b.hook(), h -> new ArrayList<>()).add(c);
                } else if (b != null) {
                    registered.add(hooks.register(b.hook(), b.priority(),
                        (hook, skb, in, out) -> run(c, hook, skb, in, out)));
                }
            }
            needsConntrack |= t.conntrackRules > 0;
        }
        for (List<Chain> l : natChains.values()) {
            l.sort((a, b) -> Integer.compare(a.base().priority(), b.base().priority())); // stable: table order on ties
        }
        if (needsConntrack) {
            conntrack().enable(natChains.isEmpty() ? null : this::runNat);
        } else if (conntrack != null && conntrack.enabled()) {
            conntrack.disable();
        }
    }

    private static boolean usesConntrack(Rule r) {
        for (Stmt s : r.stmts()) {
            if (s instanceof NatStmt) {
                return true;
            }
            if (s instanceof CtSetStmt || s instanceof MatchStmt m && usesCt(m.left())
                || s instanceof MetaSetStmt ms && usesCt(ms.value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesCt(Expr e) {
        return e instanceof CtExpr || e instanceof BitwiseExpr b && usesCt(b.of())
            || e instanceof MapLookupExpr ml && usesCt(ml.key())
            || e instanceof ConcatExpr c && c.parts().stream().anyMatch(Nftables::usesCt);
    }

    /**
     * The nat chains at {@code hook} by priority, until one decides a binding or drops. The
     * list is kept by {@link #syncHooks}, so a flow's first packet does not walk every chain of
     * every table (kube-proxy's table has three chains a service).
     */
    private Verdict runNat(NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        List<Chain> nat = natChains.getOrDefault(hook, List.of());
        boolean source = hook == NfHook.POSTROUTING || hook == NfHook.INPUT;
        for (Chain c : nat) {
            Verdict v = run(c, hook, skb, in, out);
            if (v != Verdict.ACCEPT) {
                return v;
            }
            CtInfo ci = conntrack.info(skb);
            if (ci != null && ci.entry() != null && (source ? ci.entry().snat() : ci.entry().dnat()) != null) {
                break;
            }
        }
        return Verdict.ACCEPT;
    }

    /**
     * Evaluates a base chain for one packet ({@code nft_do_chain}). A packet with
     * {@code nftrace} set reports to the {@link TraceMonitor}s what {@code nft_trace_packet}
     * reports: each rule that matched with its verdict, the fall off a chain's end
     * ({@code verdict continue}) and the base chain's policy.
     */
    Verdict run(Chain base, NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        NftPacket p = new NftPacket(this, hook, skb, in, out);
        Chain[] stackChain = null; // made on the first jump: most packets never jump
        int[] stackIdx = null;
        int sp = 0;
        Chain c = base;
        int i = 0;
        boolean monitored = !traceMonitors.isEmpty();
        boolean dumped = false; // the packet line goes with the first event of this base chain
        while (true) {
            List<Rule> rules = c.rules;
            boolean returned = false;
            while (i < rules.size() && !returned) {
                Rule r = rules.get(i++);
                p.verdict = null;
                boolean matched = r.eval(p);
                NftVerdict v = p.verdict;
                if (monitored && skb.nftrace && (v != null || matched)) {
                    boolean ret = v != null && v.kind() == NftVerdict.Kind.RETURN;
                    dumped = trace(p, c, dumped, ret ? null : r,
                        ret ? "verdict return " + markSuffix(p) : v == null ? "continue" : v.format());
                }
                if (v == null) {
                    continue;
                }
                switch (v.kind()) {
                    case ACCEPT -> {
                        return Verdict.ACCEPT;
                    }
                    case DROP -> {
                        return Verdict.DROP;
                    }
                    case CONTINUE -> {
                    }
                    case RETURN -> returned = true;
                    case JUMP, GOTO -> {
                        if (v.kind() == NftVerdict.Kind.JUMP) {
                            if (stackChain == null) {
                                stackChain = new Chain[JUMP_STACK];
                                stackIdx = new int[JUMP_STACK];
                            }
                            if (sp == JUMP_STACK) {
                                return Verdict.DROP;
                            }
                            stackChain[sp] = c;
                            stackIdx[sp++] = i;
                        }
                        c = v.chain();
                        rules = c.rules;
                        i = 0;
                    }
                }
            }
            if (monitored && skb.nftrace && !returned) {
                dumped = trace(p, c, dumped, null, "verdict continue " + markSuffix(p)); // fell off the chain's end
            }
            if (sp == 0) {
                boolean drop = base.base().policyDrop();
                if (monitored && skb.nftrace) {
                    trace(p, base, dumped, null, "policy " + (drop ? "drop " : "accept ") + markSuffix(p));
                }
                return drop ? Verdict.DROP : Verdict.ACCEPT;
            }
            c = stackChain[--sp];
            i = stackIdx[sp];
        }
    }
}
