package io.knetsim.api;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The service registry's allocators ({@code --service-cluster-ip-range},
 * {@code --service-node-port-range}): a Service gets a free cluster IP from the service CIDR
 * (kubeadm's default {@code 10.96.0.0/12}) unless it asked for one or is headless, and each port
 * of a NodePort (or LoadBalancer) service a free node port (30000-32767 by default). An update
 * keeps what was allocated. Deleting a service frees what it had: the allocator's sets may
 * still hold it, and a value they hold is checked against the stored services before it is
 * refused. Choices are random from the cluster's seeded source, as kube-apiserver's
 * are random.
 */
public final class ServiceAllocator implements ApiServer.Admission<Service> {
    /** kubeadm's default {@code serviceSubnet}. */
    public static final Cidr DEFAULT_SERVICE_CIDR = Cidr.parse("10.96.0.0/12");
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;

    private final ApiServer api;
    private final Cidr cidr;
    private final int portMin;
    private final int portMax;
    private final SimRandom random;
    private final Set<Integer> allocatedIps = new HashSet<>();
    private final Set<String> allocatedPorts = new HashSet<>();
    private boolean primed;

    private ServiceAllocator(ApiServer api, Cidr cidr, int portMin, int portMax) {
        this.api = api;
        this.cidr = cidr.network();
        this.portMin = portMin;
        this.portMax = portMax;
        this.random = api.sim().random("api/" + api.clusterName() + "/service-allocator");
    }

    /**
     * Registers Service, EndpointSlice and Endpoints with {@code api} and installs the allocator for
     * {@code serviceCidr} and the default node-port range. Returns the allocator.
     */
    public static ServiceAllocator install(ApiServer api, Cidr serviceCidr) {
        if (serviceCidr.prefixLength() > 30) {
            throw new IllegalArgumentException("service CIDR " + serviceCidr + " is too small (at most /30)");
        }
        api.register(Service.TYPE);
        api.register(EndpointSlice.TYPE);
        api.register(Endpoints.TYPE);
        ServiceAllocator a = new ServiceAllocator(api, serviceCidr, NODE_PORT_MIN, NODE_PORT_MAX);
        api.admission(Service.TYPE, a);
        return a;
    }

    public Cidr serviceCidr() {
        return cidr;
    }

    @Override
    public Service admit(Service svc, Service old) {
        ServiceSpec s = svc.spec();
        List<FieldError> errs = new ArrayList<>();
        Set<Integer> ownIps = new HashSet<>();
        Set<String> ownPorts = new HashSet<>();
        if (!primed) {
            reread();
            primed = true;
        }
        if (old != null) {
            // an update keeps what the service had: its own allocations do not count against it
            ownAllocations(old, ownIps, ownPorts);
        }
        if (ServiceSpec.EXTERNAL_NAME.equals(s.type())) {
            return svc;
        }
        String ip = s.clusterIP();
        if ((ip == null || ip.isEmpty()) && old != null) {
            ip = old.spec().clusterIP();
        }
        if (ip == null || ip.isEmpty()) {
            ip = freeIp();
            if (ip == null) {
                errs.add(FieldError.invalid("spec.clusterIPs", List.of(), "failed to allocate a serviceIP: range is full"));
            }
        } else if (!ServiceSpec.NONE.equals(ip)) {
            Ipv4Address a = Ipv4Address.parse(ip);
            String prefix = "failed to allocate IP " + ip + ": ";
            if (!cidr.contains(a) || a.equals(cidr.address()) || a.equals(cidr.broadcast())) {
                errs.add(FieldError.invalid("spec.clusterIPs", List.of(ip), prefix + "the provided IP (" + ip
                    + ") is not in the valid range. The range of valid IPs is " + cidr));
            } else if (!ownIps.contains(a.bits()) && ipTaken(a.bits())) {
                errs.add(FieldError.invalid("spec.clusterIPs", List.of(ip), prefix + "provided IP is already allocated"));
            }
        }
        List<ServicePort> ports = new ArrayList<>();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < s.ports().size(); i++) {
            ServicePort p = s.ports().get(i);
            if (!s.hasNodePorts()) {
                ports.add(p);
                continue;
            }
            Integer np = p.nodePort();
            String path = "spec.ports[" + i + "].nodePort";
            if ((np == null || np == 0) && old != null) {
                np = old.spec().ports().stream()
                    .filter(q -> q.port().equals(p.port()) && q.protocol().equals(p.protocol()) && q.nodePort() != null)
                    .map(ServicePort::nodePort).findFirst().orElse(null);
            }
            if (np == null || np == 0) {
                np = freePort(p.protocol(), mine);
                if (np == null) {
                    errs.add(FieldError.invalid(path, 0, "failed to allocate a nodePort: range is full"));
                    ports.add(p);
                    continue;
                }
            } else if (np < portMin || np > portMax) {
                errs.add(FieldError.invalid(path, np, "provided port is not in the valid range. The range of valid ports is "
                    + portMin + "-" + portMax));
            } else if (mine.contains(p.protocol() + "/" + np)
                || (!ownPorts.contains(p.protocol() + "/" + np) && portTaken(p.protocol() + "/" + np))) {
                errs.add(FieldError.invalid(path, np, "provided port is already allocated"));
            }
            mine.add(p.protocol() + "/" + np);
            ports.add(p.withNodePort(np));
        }
        if (!errs.isEmpty()) {
            throw ApiException.invalid(Service.TYPE, svc.metadata().name(), errs);
        }
        if (ip != null && !ip.isEmpty() && !ServiceSpec.NONE.equals(ip)) {
            allocatedIps.add(Ipv4Address.parse(ip).bits());
        }
        allocatedPorts.addAll(mine);
        return svc.withSpec(s.withClusterIP(ip).withPorts(ports).withFamilies(List.of("IPv4"), "SingleStack"));
    }

    /** The cluster IP and node ports {@code svc} holds. */
    private static void ownAllocations(Service svc, Set<Integer> ips, Set<String> ports) {
        String ip = svc.spec().clusterIP();
        if (ip != null && !ip.isEmpty() && !svc.spec().isHeadless()) {
            ips.add(Ipv4Address.parse(ip).bits());
        }
        for (ServicePort p : svc.spec().ports()) {
            if (p.nodePort() != null && p.nodePort() != 0) {
                ports.add(p.protocol() + "/" + p.nodePort());
            }
        }
    }

    /**
     * Re-reads what the stored services hold. The allocation sets are kept as a superset of
     * that (a deleted service's allocations stay until the next re-read), so a value they do
     * not hold is certainly free and a value they hold is checked against the store: an
     * allocation costs O(1) however many services exist, as kube-apiserver's bitmaps do.
     */
    private void reread() {
        allocatedIps.clear();
        allocatedPorts.clear();
        for (Service o : api.list(Service.class)) {
            ownAllocations(o, allocatedIps, allocatedPorts);
        }
    }

    private boolean ipTaken(int bits) {
        if (!allocatedIps.contains(bits)) {
            return false;
        }
        reread();
        return allocatedIps.contains(bits);
    }

    private boolean portTaken(String key) {
        if (!allocatedPorts.contains(key)) {
            return false;
        }
        reread();
        return allocatedPorts.contains(key);
    }

    private String freeIp() {
        long size = cidr.size() - 2;
        if (allocatedIps.size() >= size) {
            reread();
            if (allocatedIps.size() >= size) {
                return null;
            }
        }
        int base = cidr.address().bits();
        while (true) {
            int candidate = base + 1 + random.nextInt((int) size);
            if (!allocatedIps.contains(candidate)) {
                return Ipv4Address.format(candidate);
            }
        }
    }

    private Integer freePort(String protocol, Set<String> mine) {
        Integer p = scanPorts(protocol, mine);
        if (p == null) {
            reread();
            p = scanPorts(protocol, mine);
        }
        return p;
    }

    private Integer scanPorts(String protocol, Set<String> mine) {
        int n = portMax - portMin + 1;
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int port = portMin + (start + i) % n;
            String key = protocol + "/" + port;
            if (!allocatedPorts.contains(key) && !mine.contains(key)) {
                return port;
            }
        }
        return null;
    }
}
