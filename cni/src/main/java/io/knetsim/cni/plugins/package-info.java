/**
 * The built-in CNI plugins, one class each, found by {@code type}: {@code loopback},
 * {@code bridge}, {@code host-local}, {@code ptp} and {@code flannel}.
 */
package io.knetsim.cni.plugins;
