/**
 * A small per-host file view: the files that real components write and people inspect
 * (the CNI conf dir, flannel's {@code /run/flannel/subnet.env}, host-local's data dir).
 */
package io.knetsim.fs;
