/**
 * The built-in CNI plugins, one class each, found by {@code type}: {@code loopback},
 * {@code bridge}, {@code host-local}, {@code ptp}, {@code flannel} and {@code portmap}; and the
 * nat-table pieces bridge's {@code ipMasq} and portmap write into the host's rule VM.
 */
package io.knetsim.cni.plugins;
