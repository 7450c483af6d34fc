/**
 * Connection tracking and NAT ({@code nf_conntrack}, {@code nf_nat}): flows keyed by their
 * tuples in both directions, NEW/ESTABLISHED/RELATED/INVALID, NAT bindings decided by the nat
 * chains on a flow's first packet and applied to every packet of the flow, both ways. Turned
 * on by the namespace's nftables ruleset when it has nat chains, {@code ct} matches or NAT
 * statements.
 */
package io.knetsim.netfilter.conntrack;
