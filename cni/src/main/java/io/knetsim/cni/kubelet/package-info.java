/**
 * The node agent: a kubelet-like {@link io.knetsim.cni.kubelet.Kubelet} that turns the pods
 * bound to its node into network namespaces wired by CNI and running simulated applications,
 * and {@link io.knetsim.cni.kubelet.Worker}, the original knetsim's worker operations
 * ({@code create_container}, {@code delete_container}, {@code exec_container}).
 *
 * <pre>
 *   API server --watch pods spec.nodeName=w1--&gt; Kubelet
 *                                                 | ADDED: netns cni-UUID, CNI ADD, pull image, start app, status Running + podIP
 *                                                 | DELETED: stop app, CNI DEL, delete netns
 *                                                 v
 *                                   /etc/cni/net.d (first file) --&gt; flannel --&gt; bridge + host-local
 * </pre>
 */
package io.knetsim.cni.kubelet;
