/**
 * flanneld, the flannel daemon of each worker: it reads the network configuration from the
 * cluster's etcd, leases a subnet for its worker, writes {@code /run/flannel/subnet.env} for
 * the flannel CNI plugin, and programs the data path to every other worker's subnet with a
 * backend ({@link io.knetsim.cni.flanneld.VxlanBackend} or
 * {@link io.knetsim.cni.flanneld.HostGwBackend}).
 *
 * <pre>
 *   etcd /coreos.com/network/config  --&gt;  FlannelConfig
 *   etcd /coreos.com/network/subnets/11.10.16.0-20 = {"PublicIP":"10.0.0.3",...}   (one lease per worker)
 *
 *   Flanneld --acquire--&gt; SubnetManager --&gt; etcd      Flanneld --watch--&gt; other leases
 *      |                                                   |
 *      +-- SubnetEnv: /run/flannel/subnet.env             +-- Backend: routes, neighbours, FDB
 * </pre>
 */
package io.knetsim.cni.flanneld;
