package io.knetsim.net.tcp;

/**
 * A listening socket ({@code listen()} on a port, any local address): its SYN queue is
 * bounded by {@code backlog}, as Linux bounds half-open connections; a SYN beyond it is
 * dropped and the client retransmits. Completed connections go to the {@link Acceptor}.
 */
public final class TcpListener {
    private final Tcp tcp;
    private final int port;
    private final int backlog;
    private final Acceptor acceptor;
    private int halfOpen;
    private boolean closed;

    TcpListener(Tcp tcp, int port, int backlog, Acceptor acceptor) {
        this.tcp = tcp;
        this.port = port;
        this.backlog = Math.max(1, backlog);
        this.acceptor = acceptor;
    }

    public int port() {
        return port;
    }

    public int backlog() {
        return backlog;
    }

    /** Connections in SYN-RECEIVED. */
    public int halfOpen() {
        return halfOpen;
    }

    public TcpState state() {
        return closed ? TcpState.CLOSED : TcpState.LISTEN;
    }

    /** Stops listening; established connections are not affected. */
    public void close() {
        if (!closed) {
            closed = true;
            tcp.unlisten(this);
        }
    }

    boolean synQueueFull() {
        return halfOpen >= backlog;
    }

    void childStarted() {
        halfOpen++;
    }

    void childLeftSynQueue() {
        halfOpen--;
    }

    Acceptor acceptor() {
        return acceptor;
    }
}
