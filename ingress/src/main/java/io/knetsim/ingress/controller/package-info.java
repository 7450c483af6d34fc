/**
 * The controllers: Ingress objects (with their Services and EndpointSlices) turned into the
 * configuration of the nginx-like proxy of {@link io.knetsim.ingress.nginx}, reloaded live
 * ({@link io.knetsim.ingress.controller.IngressController}, ingress-nginx's manner, with canaries
 * by weight, header and cookie), and Gateway API Gateways and HTTPRoutes turned into one proxy per
 * listener port ({@link io.knetsim.ingress.controller.GatewayController}). Both also run as
 * container images ({@link io.knetsim.ingress.controller.IngressNginxApp},
 * {@link io.knetsim.ingress.controller.NginxGatewayApp}).
 */
package io.knetsim.ingress.controller;
