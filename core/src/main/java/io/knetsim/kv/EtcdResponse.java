package io.knetsim.kv;

import java.util.List;

/**
 * What an {@link EtcdClient} call got: an {@code event} (action, node, prevNode and the
 * {@code X-Etcd-Index}), or an etcd {@code error} (code, message, cause, index), or, when no
 * endpoint answered, one transport error per endpoint tried ({@code dial tcp
 * 10.1.0.1:2379: connect: connection refused}). {@code endpoint} is the one that answered.
 */
public record EtcdResponse(KvEvent event, KvError error, List<String> transportErrors, EtcdEndpoint endpoint) {
    /** Whether etcd carried out the request. */
    public boolean ok() {
        return event != null;
    }

    /** Whether no endpoint could be reached. */
    public boolean unreachable() {
        return event == null && error == null;
    }

    /** The node of a successful call. */
    public KvNode node() {
        return event == null ? null : event.node();
    }

    /** The etcd index the answer carried (of the error when it failed), 0 when unreachable. */
    public long etcdIndex() {
        return event != null ? event.etcdIndex() : error != null ? error.index() : 0;
    }

    /**
     * The Go client's {@code ClusterError} text:
     * {@code client: etcd cluster is unavailable or misconfigured; error #0: ...\n; error #1: ...\n}.
     */
    public String clusterErrorMessage() {
        StringBuilder sb = new StringBuilder("client: etcd cluster is unavailable or misconfigured");
        for (int i = 0; i < transportErrors.size(); i++) {
            sb.append("; error #").append(i).append(": ").append(transportErrors.get(i)).append('\n');
        }
        return sb.toString();
    }

    /** The Go client's {@code ClusterError.Detail()}: one {@code error #N: ...} line per endpoint. */
    public String clusterErrorDetail() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < transportErrors.size(); i++) {
            sb.append("error #").append(i).append(": ").append(transportErrors.get(i)).append('\n');
        }
        return sb.toString();
    }
}
