/**
 * Whole clusters on a shared underlay: etcd hosts, an API server with its controllers and
 * scheduler, and workers running flanneld and a kubelet ({@link io.knetsim.scenarios.cluster.Cluster});
 * several of them in one world ({@link io.knetsim.scenarios.cluster.ClusterWorld}).
 */
package io.knetsim.scenarios.cluster;
