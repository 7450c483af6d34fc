package io.knetsim.skupper.site;

/**
 * A deployment exposed by {@code skupper expose deployment/NAME --port P}: its router address
 * (the deployment's name), the port every other site's router and Service accept it on, the
 * port its pods serve, and the site it lives in.
 *
 * @param address the router address and the Service name in the other sites
 * @param port the port clients use in the other sites
 * @param targetPort the port on the deployment's pods
 * @param origin the site of the deployment
 */
public record ExposedService(String address, int port, int targetPort, String origin) {
}
