/**
 * L7 HTTP reverse proxies: the original labs' {@code run_ingress} ({@link io.knetsim.ingress.Ingresses}),
 * built on the nginx-like proxy of {@link io.knetsim.ingress.nginx} (routing, rate limits, health
 * checks, weighted backends) and the {@code nginx -T} command ({@link io.knetsim.ingress.IngressTools}).
 * An Ingress-object controller generates {@link io.knetsim.ingress.nginx.NginxConfig}s (see
 * docs/ingress.md). Built on core only.
 */
package io.knetsim.ingress;
