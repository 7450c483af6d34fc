package io.knetsim.skupper.router;

import io.knetsim.skupper.amqp.Described;
import io.knetsim.skupper.amqp.Section;
import io.knetsim.skupper.amqp.SectionReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The routing protocol's messages, carried as AMQP messages on the inter-router control link:
 * a properties section ({@code to} = {@code _local/qdhello} for hellos, {@code _local/qdrouter}
 * for the rest) and an amqp-value body holding a map, in the spirit of skupper-router's
 * (qpid-dispatch's) {@code HELLO}, {@code LSU} and {@code MAU} messages:
 *
 * <pre>
 *   HELLO {opcode, id, instance, seen: [ids heard from recently]}        every helloIntervalSeconds
 *   LSU   {opcode, id, instance, ls_seq, ls: {peer id: link cost}}        flooded on change
 *   MAU   {opcode, id, instance, mobile_seq, exist: [addresses]}         flooded on change
 * </pre>
 */
record ControlMessage(String opcode, String id, long instance, long seq, List<String> seen,
                      SortedMap<String, Integer> peers, List<String> addresses) {
    static final String HELLO = "HELLO";
    static final String LSU = "LSU";
    static final String MAU = "MAU";
    static final String HELLO_ADDRESS = "_local/qdhello";
    static final String ROUTER_ADDRESS = "_local/qdrouter";

    static ControlMessage hello(String id, long instance, List<String> seen) {
        return new ControlMessage(HELLO, id, instance, 0, List.copyOf(seen), null, null);
    }

    static ControlMessage lsu(String id, long instance, long lsSeq, SortedMap<String, Integer> peers) {
        return new ControlMessage(LSU, id, instance, lsSeq, null, new TreeMap<>(peers), null);
    }

    static ControlMessage mau(String id, long instance, long mobileSeq, List<String> addresses) {
        return new ControlMessage(MAU, id, instance, mobileSeq, null, null, List.copyOf(addresses));
    }

    /** The message's bytes: properties then amqp-value. */
    byte[] encode() {
        Map<Object, Object> body = new LinkedHashMap<>();
        body.put("opcode", opcode);
        body.put("id", id);
        body.put("instance", instance);
        switch (opcode) {
            case HELLO -> body.put("seen", new ArrayList<>(seen));
            case LSU -> {
                body.put("ls_seq", seq);
                Map<Object, Object> ls = new LinkedHashMap<>();
                peers.forEach((k, v) -> ls.put(k, (long) v));
                body.put("ls", ls);
            }
            default -> {
                body.put("mobile_seq", seq);
                body.put("exist", new ArrayList<>(addresses));
            }
        }
        String to = opcode.equals(HELLO) ? HELLO_ADDRESS : ROUTER_ADDRESS;
        return Section.encode(Section.properties(to, null), Section.amqpValue(body));
    }

    /** Reads a control message from a whole delivery's bytes. */
    static ControlMessage decode(byte[] message) {
        SectionReader r = new SectionReader();
        r.append(message, 0, message.length);
        Map<?, ?> body = null;
        for (Described d : r.take()) {
            if (d.code() == Section.AMQP_VALUE && d.value() instanceof Map<?, ?> m) {
                body = m;
            }
        }
        if (body == null) {
            throw new IllegalArgumentException("control message without a map body");
        }
        String opcode = (String) body.get("opcode");
        String id = (String) body.get("id");
        long instance = (Long) body.get("instance");
        switch (opcode) {
            case HELLO -> {
                List<String> seen = new ArrayList<>();
                for (Object o : (List<?>) body.get("seen")) {
                    seen.add((String) o);
                }
                return hello(id, instance, seen);
            }
            case LSU -> {
                SortedMap<String, Integer> peers = new TreeMap<>();
                ((Map<?, ?>) body.get("ls")).forEach((k, v) -> peers.put((String) k, ((Long) v).intValue()));
                return lsu(id, instance, (Long) body.get("ls_seq"), peers);
            }
            case MAU -> {
                List<String> addrs = new ArrayList<>();
                for (Object o : (List<?>) body.get("exist")) {
                    addrs.add((String) o);
                }
                return mau(id, instance, (Long) body.get("mobile_seq"), addrs);
            }
            default -> throw new IllegalArgumentException("unknown control opcode " + opcode);
        }
    }
}
