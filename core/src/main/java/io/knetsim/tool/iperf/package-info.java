/** {@code iperf3}: throughput tests on the simulator's clock, printed in iperf3 3.x's layout. */
package io.knetsim.tool.iperf;
