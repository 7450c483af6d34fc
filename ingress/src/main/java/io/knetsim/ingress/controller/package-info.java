/**
 * The ingress controller: Ingress objects (with their Services and EndpointSlices) turned into
 * the configuration of the nginx-like proxy of {@link io.knetsim.ingress.nginx}, reloaded live.
 */
package io.knetsim.ingress.controller;
