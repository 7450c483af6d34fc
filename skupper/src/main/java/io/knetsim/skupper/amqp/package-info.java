/**
 * AMQP 1.0 as the OASIS standard (29 October 2012) defines it, the wire format of the router
 * network: the type system ({@link io.knetsim.skupper.amqp.AmqpEncoder},
 * {@link io.knetsim.skupper.amqp.AmqpDecoder}, {@link io.knetsim.skupper.amqp.TypeCode}),
 * framing ({@link io.knetsim.skupper.amqp.ProtocolHeader}, {@link io.knetsim.skupper.amqp.FrameHeader},
 * {@link io.knetsim.skupper.amqp.AmqpFrame}, {@link io.knetsim.skupper.amqp.FrameReader}), the
 * nine transport performatives ({@link io.knetsim.skupper.amqp.Performative}), link termini
 * ({@link io.knetsim.skupper.amqp.Source}, {@link io.knetsim.skupper.amqp.Target}) and
 * message sections ({@link io.knetsim.skupper.amqp.Section}).
 *
 * <pre>
 *   TCP stream:  AMQP\0\1\0\0 | frame | frame | ...
 *   frame:       SIZE(4) DOFF(1)=2 TYPE(1)=0 CHANNEL(2) | 0x00 0x53 CODE list... | payload
 * </pre>
 */
package io.knetsim.skupper.amqp;
