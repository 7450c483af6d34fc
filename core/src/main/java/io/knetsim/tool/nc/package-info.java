/**
 * {@code nc} (alias {@code netcat}) with OpenBSD netcat's messages. The simulator has no
 * standard input, so data to send is given with the knetsim option {@code --send TEXT}.
 * Register with {@link io.knetsim.tool.nc.Nc#registerAll}.
 */
package io.knetsim.tool.nc;
