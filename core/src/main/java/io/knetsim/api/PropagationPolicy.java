package io.knetsim.api;

/**
 * What deleting an owner does to its dependents ({@code DeleteOptions.propagationPolicy}):
 * {@code Background} (the default: the garbage collector deletes them after the owner is gone)
 * or {@code Orphan} (their owner references are removed and they stay, as
 * {@code kubectl delete --cascade=orphan} does).
 */
public enum PropagationPolicy { BACKGROUND, ORPHAN }
