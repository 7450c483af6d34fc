/**
 * The classic single-purpose tools: {@code ifconfig} as net-tools 2.10 prints it,
 * {@code sysctl} as procps-ng does, and {@code hostname}. They share the device facts of
 * {@link io.knetsim.tool.iproute.DeviceFacts} with {@code ip}, so both views agree.
 */
package io.knetsim.tool.nettools;
