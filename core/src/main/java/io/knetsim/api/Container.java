package io.knetsim.api;

import java.util.List;

/**
 * One container of a pod: its {@code name}, the {@code image} the kubelet starts (knetsim maps it
 * to a simulated application, see {@code io.knetsim.app.image}), {@code command}, {@code args},
 * {@code ports} and {@code env}.
 */
public record Container(String name, String image, List<String> command, List<String> args,
    List<ContainerPort> ports, List<EnvVar> env) {
    public Container {
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        ports = ports == null ? List.of() : List.copyOf(ports);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** A container with a name, an image and the TCP ports it listens on. */
    public static Container of(String name, String image, int... tcpPorts) {
        List<ContainerPort> p = new java.util.ArrayList<>();
        for (int port : tcpPorts) {
            p.add(ContainerPort.tcp(port));
        }
        return new Container(name, image, null, null, p, null);
    }

    public Container withArgs(List<String> a) {
        return new Container(name, image, command, a, ports, env);
    }

    public Container withEnv(List<EnvVar> e) {
        return new Container(name, image, command, args, ports, e);
    }

    public Container withPorts(List<ContainerPort> p) {
        return new Container(name, image, command, args, p, env);
    }

    /** The value of environment variable {@code name}, or null. */
    public String envValue(String envName) {
        for (EnvVar e : env) {
            if (e.name().equals(envName)) {
                return e.value();
            }
        }
        return null;
    }
}
