/**
 * {@code curl} and {@code wget -qO-}: HTTP/1.1 clients over the simulated TCP sockets, with
 * curl 8.5.0's verbose trace, error texts and exit codes. Register with
 * {@link io.knetsim.tool.curl.Curl#registerAll}.
 */
package io.knetsim.tool.curl;
