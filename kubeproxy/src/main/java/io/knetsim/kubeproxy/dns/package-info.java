/**
 * The cluster DNS: {@link io.knetsim.kubeproxy.dns.ClusterDnsFeeder} keeps a
 * {@link io.knetsim.app.dns.ClusterDnsZone} in step with a cluster's Services, EndpointSlices
 * and Pods, and {@link io.knetsim.kubeproxy.dns.CoreDnsApp} is the CoreDNS image that serves it.
 */
package io.knetsim.kubeproxy.dns;
