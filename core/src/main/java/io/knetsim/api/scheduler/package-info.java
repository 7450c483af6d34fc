/**
 * The scheduler: binds pods to Ready nodes, spreading them, with ties broken by the seed, and
 * reports {@code FailedScheduling} as kube-scheduler words it. See
 * {@link io.knetsim.api.scheduler.Scheduler}.
 */
package io.knetsim.api.scheduler;
