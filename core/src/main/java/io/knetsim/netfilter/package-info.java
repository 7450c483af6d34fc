/**
 * Netfilter: the hook points the IPv4 stack (and the bridge, when
 * {@code net.bridge.bridge-nf-call-iptables} is 1) calls at prerouting, input, forward,
 * output and postrouting, each a list of functions ordered by priority. The rule VM,
 * conntrack and NAT register here.
 */
package io.knetsim.netfilter;
