/**
 * A small HTTP/1.1 server over the simulated TCP sockets, and the lab servers built on it
 * ({@link io.knetsim.app.http.FixedMessageServer}).
 */
package io.knetsim.app.http;
