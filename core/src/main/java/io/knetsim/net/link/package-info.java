/**
 * Links between physical NICs, built from decorators on each direction:
 * {@link io.knetsim.net.link.LossyChannel} then {@link io.knetsim.net.link.RateLimiter}
 * then {@link io.knetsim.net.link.Wire}, so a capture, a fault or a shaper wraps a link
 * without the devices knowing.
 */
package io.knetsim.net.link;
