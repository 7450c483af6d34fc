/**
 * An AMQP 1.0 router network joining clusters, configured like skupper-router (tcpListener,
 * tcpConnector, inter-router links). Built on core; see the multi-cluster issue.
 */
package io.knetsim.skupper;
