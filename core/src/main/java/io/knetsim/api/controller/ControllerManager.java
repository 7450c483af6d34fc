package io.knetsim.api.controller;

import io.knetsim.api.ApiServer;

/**
 * The controllers of kube-controller-manager that knetsim runs: the Deployment and ReplicaSet
 * controllers, each watching the cluster's {@link ApiServer} and acting on the simulator clock.
 * (Garbage collection is part of the {@link ApiServer} itself.)
 */
public final class ControllerManager {
    private final DeploymentController deployments;
    private final ReplicaSetController replicaSets;

    private ControllerManager(ApiServer api) {
        this.deployments = new DeploymentController(api);
        this.replicaSets = new ReplicaSetController(api);
    }

    /** Starts the controllers for {@code api}'s cluster. */
    public static ControllerManager start(ApiServer api) {
        return new ControllerManager(api);
    }

    public DeploymentController deployments() {
        return deployments;
    }

    public ReplicaSetController replicaSets() {
        return replicaSets;
    }
}
