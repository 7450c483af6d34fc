/** {@code kubectl}: the Kubernetes command line, talking to the API server of the host's cluster. */
package io.knetsim.tool.kubectl;
