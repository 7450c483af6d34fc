/**
 * An nginx-like L7 reverse proxy on the simulated TCP: the configuration model
 * ({@link io.knetsim.ingress.nginx.NginxConfig} and its parts, rendered as nginx.conf text by
 * {@link io.knetsim.ingress.nginx.NginxConfWriter}) and the running proxy
 * ({@link io.knetsim.ingress.nginx.NginxProxy}) with location matching, smooth weighted
 * round-robin upstreams, passive and active health, limit_req and nginx's error pages.
 *
 * <pre>
 *   client --TCP--> NginxProxy :port --(location match, limit_req, peer pick)--TCP--> upstream server
 *                    |  core HttpServer           ProxiedRequest       UpstreamCall on core HttpClientConnection
 *                    \-- Generation: one NginxConfig with its peers, zones and health checkers
 * </pre>
 */
package io.knetsim.ingress.nginx;
