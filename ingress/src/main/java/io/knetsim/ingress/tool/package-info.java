/** The ingress module's commands: {@code nginx -T} and friends. */
package io.knetsim.ingress.tool;
