package io.knetsim.kubeproxy.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What kube-proxy knows of the elements of its shared sets and maps ({@code cluster-ips},
 * {@code no-endpoint-nodeports}, {@code no-endpoint-services}, {@code service-ips},
 * {@code service-nodeports}) after its last good sync: each Service's elements, Services in the
 * order a full sync writes them (namespace, then name). A partial sync asks it for the
 * {@code delete element} and {@code add element} commands that turn the maps into what they
 * become when some Services change ({@link #diff}), then records the change ({@link #put}).
 *
 * <pre>
 *   service-ips:  [ default/a ][ default/b ][ kube-system/dns ]      b's element changes:
 *   delete element ip kube-proxy service-ips { b's old key, dns's keys }
 *   add element ip kube-proxy service-ips { b's new element, dns's elements }   (a's stays put)
 * </pre>
 *
 * knetsim's sets list their elements in the order they were added (the kernel's hash sets list
 * them in no particular order), so that a map lists exactly as after a full sync, an element
 * that lands before others is added after deleting those others, which are added again behind
 * it. A change of endpoints alone changes no element and writes nothing here.
 */
public final class ServiceMaps {
    /** The shared sets and maps, in the order their commands are written. */
    static final List<String> NAMES =
        List.of("cluster-ips", "no-endpoint-nodeports", "no-endpoint-services", "service-ips", "service-nodeports");

    /** {@code namespace \0 name} (so it sorts as namespace, then name) to set name to elements. */
    private final TreeMap<String, Map<String, List<String>>> byService = new TreeMap<>();

    /** The key a Service is sorted by, as a full sync orders its ports. */
    static String key(String namespace, String name) {
        return namespace + "\0" + name;
    }

    /** The elements of each shared set and map that the ports of one Service make. */
    static Map<String, List<String>> elementsOf(List<ServicePortInfo> ports, KubeProxyConfig config) {
        Map<String, List<String>> out = empty();
        for (ServicePortInfo sp : ports) {
            append(out, ProxyRuleset.rulesOf(sp, config));
        }
        return out;
    }

    /** Records the elements one port of a full sync writes ({@code r}, from {@code sp}). */
    void add(ServicePortInfo sp, ServicePortRules r) {
        append(byService.computeIfAbsent(key(sp.namespace(), sp.name()), k -> empty()), r);
    }

    private static Map<String, List<String>> empty() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        NAMES.forEach(n -> out.put(n, new ArrayList<>()));
        return out;
    }

    private static void append(Map<String, List<String>> out, ServicePortRules r) {
        if (!out.get("cluster-ips").contains(r.clusterIp())) {
            out.get("cluster-ips").add(r.clusterIp());
        }
        out.get("no-endpoint-nodeports").addAll(r.noEndpointNodePorts());
        out.get("no-endpoint-services").addAll(r.noEndpointServices());
        out.get("service-ips").addAll(r.serviceIps());
        out.get("service-nodeports").addAll(r.serviceNodePorts());
    }

    /**
     * The commands that turn the maps into what they are once each Service of {@code changed}
     * (key to its elements, empty when it has no ports any more) has its new elements: first,
     * per set, one {@code delete element} of the elements that go (or must move), then per set
     * one {@code add element} of those that come (or moved), in table order. "" when none change.
     */
    String diff(Map<String, Map<String, List<String>>> changed) {
        if (changed.entrySet().stream().allMatch(e -> same(byService.get(e.getKey()), e.getValue()))) {
            return ""; // only endpoints changed (the common case): no need to walk every service's elements
        }
        StringBuilder deletes = new StringBuilder();
        StringBuilder adds = new StringBuilder();
        for (String set : NAMES) {
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            Set<String> keys = new java.util.TreeSet<>(byService.keySet());
            keys.addAll(changed.keySet());
            for (String k : keys) {
                Map<String, List<String>> was = byService.get(k);
                if (was != null) {
                    before.addAll(was.get(set));
                }
                Map<String, List<String>> now = changed.containsKey(k) ? changed.get(k) : was;
                if (now != null && !now.isEmpty()) {
                    after.addAll(now.get(set));
                }
            }
            Set<String> staying = new HashSet<>(after);
            List<String> delete = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (String e : before) {
                (staying.contains(e) ? kept : delete).add(e);
            }
            int same = 0;
            while (same < kept.size() && same < after.size() && kept.get(same).equals(after.get(same))) {
                same++;
            }
            delete.addAll(kept.subList(same, kept.size()));
            List<String> add = after.subList(same, after.size());
            if (!delete.isEmpty()) {
                deletes.append("delete element ip ").append(ProxyRuleset.TABLE).append(' ').append(set).append(" { ");
                for (int i = 0; i < delete.size(); i++) {
                    String e = delete.get(i);
                    int colon = e.indexOf(" : ");
                    deletes.append(i == 0 ? "" : ", ").append(colon < 0 ? e : e.substring(0, colon));
                }
                deletes.append(" }\n");
            }
            if (!add.isEmpty()) {
                adds.append("add element ip ").append(ProxyRuleset.TABLE).append(' ').append(set).append(" { ")
                    .append(String.join(", ", add)).append(" }\n");
            }
        }
        return deletes.append(adds).toString();
    }

    /** Whether a Service's elements were {@code was} and are {@code now} alike (none counts as empty). */
    private static boolean same(Map<String, List<String>> was, Map<String, List<String>> now) {
        boolean wasEmpty = was == null || was.values().stream().allMatch(List::isEmpty);
        boolean nowEmpty = now == null || now.values().stream().allMatch(List::isEmpty);
        return wasEmpty ? nowEmpty : !nowEmpty && was.equals(now);
    }

    /** Records the elements of {@code changed} (as given to {@link #diff}) as written. */
    void put(Map<String, Map<String, List<String>>> changed) {
        changed.forEach((k, v) -> {
            if (v.isEmpty() || v.values().stream().allMatch(List::isEmpty)) {
                byService.remove(k);
            } else {
                byService.put(k, v);
            }
        });
    }
}
