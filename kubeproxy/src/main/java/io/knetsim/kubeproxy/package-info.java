/**
 * Services: EndpointSlices, the kube-proxy that programs the rule VM in the shape of
 * kube-proxy's nftables mode, knetsim's static virtual IPs, and the cluster DNS server. Built on
 * core; see the services issue.
 */
package io.knetsim.kubeproxy;
