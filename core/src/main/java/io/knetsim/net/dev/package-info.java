/**
 * Device drivers: {@link io.knetsim.net.dev.Loopback}, {@link io.knetsim.net.dev.Veth} pairs,
 * physical {@link io.knetsim.net.dev.EthernetNic}s joined by links, the learning
 * {@link io.knetsim.net.dev.Bridge} and the {@link io.knetsim.net.dev.VxlanDevice}.
 */
package io.knetsim.net.dev;
