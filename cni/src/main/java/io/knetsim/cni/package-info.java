/**
 * The CNI contract (conf/conflist, ADD/DEL/CHECK/VERSION, results and errors), its plugins
 * (loopback, bridge, host-local, ptp, flannel, portmap), the flannel daemon and the kubelet-like
 * node agents. Built on core; see the pod-networking issue.
 */
package io.knetsim.cni;
