/**
 * DNS on the simulated network: an authoritative {@link io.knetsim.app.dns.DnsServer} over UDP
 * and TCP port 53 answering from {@link io.knetsim.app.dns.DnsZone}s
 * ({@link io.knetsim.app.dns.InMemoryZone}, and {@link io.knetsim.app.dns.ClusterDnsZone} with
 * the Kubernetes DNS specification's records), and the client side a namespace's programs use:
 * {@link io.knetsim.app.dns.StubResolver} (glibc's {@code getaddrinfo}: {@code /etc/hosts}, then
 * DNS per {@link io.knetsim.app.dns.ResolvConf}) over {@link io.knetsim.app.dns.DnsClient}.
 *
 * <pre>
 *   pod: curl http://web/ --StubResolver--> /etc/hosts? --no--> resolv.conf: search, ndots
 *          --A? web.default.svc.cluster.local (UDP; TC -> TCP)--> DnsServer --> ClusterDnsZone
 * </pre>
 */
package io.knetsim.app.dns;
