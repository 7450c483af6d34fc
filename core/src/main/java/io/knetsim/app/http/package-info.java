/**
 * HTTP/1.1 over the simulated TCP sockets: a server whose handlers answer at once
 * ({@link io.knetsim.app.http.HttpHandler}) or later ({@link io.knetsim.app.http.AsyncHttpHandler},
 * for long polls), an event-driven client ({@link io.knetsim.app.http.HttpClient}) with the
 * response parser it shares with {@code curl}, and the lab servers built on them
 * ({@link io.knetsim.app.http.FixedMessageServer}).
 */
package io.knetsim.app.http;
