/**
 * Kubernetes objects and one cluster's in-memory API server.
 * <pre>
 *   Namespace  Node  Pod  Deployment  ReplicaSet  Event      (records, Kubernetes JSON via KubeJson)
 *        \       |     |       |           |        /
 *         ApiServer: create / get / list (label selectors) / update (409 on a stale
 *                    resourceVersion) / updateStatus / delete (+ garbage collection) / watch
 *                          |
 *         controllers (api.controller), scheduler (api.scheduler), kubelet (cni), kube-proxy ...
 * </pre>
 * A kind is a record implementing {@link io.knetsim.api.KubeObject} with a
 * {@link io.knetsim.api.ResourceType} constant (plural name, group, defaults, validation); a new
 * kind is one class and {@link io.knetsim.api.ApiServer#register}. Errors are
 * {@link io.knetsim.api.ApiException}s carrying the API server's {@link io.knetsim.api.Status}
 * with its exact messages. Times in objects are the simulated clock as seconds since 1970.
 */
package io.knetsim.api;
