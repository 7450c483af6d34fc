/** {@code etcdctl}, the etcd v2 command line client, over {@link io.knetsim.kv.EtcdClient}. */
package io.knetsim.tool.etcdctl;
