/**
 * Controllers of kube-controller-manager on the simulator clock: the Deployment controller
 * (Deployment to ReplicaSet, with the {@code pod-template-hash}) and the ReplicaSet controller
 * (ReplicaSet to pods named {@code <replicaset>-<5 chars>}), each fed by watches through a
 * {@link io.knetsim.api.controller.WorkQueue}. Start them with
 * {@link io.knetsim.api.controller.ControllerManager#start}.
 */
package io.knetsim.api.controller;
