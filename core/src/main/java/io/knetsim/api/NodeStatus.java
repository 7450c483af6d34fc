package io.knetsim.api;

import java.util.List;

/** A node's {@code status}: its conditions ({@code Ready}) and its addresses. */
public record NodeStatus(List<NodeCondition> conditions, List<NodeAddress> addresses) {
    public NodeStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** The condition of {@code type}, or null. */
    public NodeCondition condition(String type) {
        for (NodeCondition c : conditions) {
            if (c.type().equals(type)) {
                return c;
            }
        }
        return null;
    }
}
