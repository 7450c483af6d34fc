/** {@code ss}: TCP sockets of a namespace, as iproute2's {@code ss -tan} lists them. */
package io.knetsim.tool.ss;
