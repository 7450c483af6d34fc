/**
 * What the EndpointSlice and Endpoints controllers share, as kube-controller-manager's
 * {@code pkg/controller/util/endpoint} does: {@link io.knetsim.kubeproxy.endpointutil.ServicePods}
 * picks a Service's pods, says whether each is ready, resolves its target ports and queues the
 * Services a change concerns; {@link io.knetsim.kubeproxy.endpointutil.TriggerTimeTracker} computes
 * the {@code endpoints.kubernetes.io/last-change-trigger-time} annotation.
 */
package io.knetsim.kubeproxy.endpointutil;
