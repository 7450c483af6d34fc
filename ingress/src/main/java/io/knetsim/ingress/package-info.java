/**
 * L7 HTTP reverse proxies driven by Ingress objects (and later Gateway API): routing, rate
 * limits, health checks, weighted backends. Built on core; see the ingress issue.
 */
package io.knetsim.ingress;
