/**
 * An etcd v2-style key-value store ({@link io.knetsim.kv.KvStore}): hierarchical keys and
 * directories, a global etcd index, compare-and-swap, TTLs on the simulator clock, an event
 * history of the last 1000 changes and watches from an index; the etcd v2 HTTP/JSON API over
 * the simulated network ({@link io.knetsim.kv.EtcdServer}) and its client
 * ({@link io.knetsim.kv.EtcdClient}).
 */
package io.knetsim.kv;
