/**
 * The endpoints controller of kube-controller-manager: {@link io.knetsim.kubeproxy.endpoints.EndpointsController}
 * keeps the legacy {@code v1} Endpoints object of every Service with a selector, which
 * {@code kubectl get endpoints} prints.
 */
package io.knetsim.kubeproxy.endpoints;
