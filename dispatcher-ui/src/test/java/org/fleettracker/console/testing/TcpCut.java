package org.fleettracker.console.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on the loopback address that forwards every connection to one target and can cut the network: {@link
 * #cut()} closes every forwarded connection and makes new ones fail at once, until {@link #restore()}.
 *
 * <p>A cut connection is reset (SO_LINGER 0), so both ends see the loss at once instead of after a keep-alive
 * timeout. While cut, the proxy still accepts, but resets each new connection before forwarding a byte. Thread safe.
 */
public final class TcpCut implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpCut.class);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-cut");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpCut(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
    }

    /** Starts a proxy on 127.0.0.1 and a free port that forwards to {@code targetPort} on 127.0.0.1. */
    public static TcpCut start(int targetPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(0, 50, loopback);
        TcpCut proxy = new TcpCut(new InetSocketAddress(loopback, targetPort), server);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** Returns the port that clients connect to instead of the target's. */
    public int port() {
        return server.getLocalPort();
    }

    /** Resets every forwarded connection and every new one until {@link #restore()}. */
    public void cut() {
        cut = true;
        int count = open.size();
        for (Socket socket : open) {
            reset(socket);
        }
        log.info("Proxy on port {} cut {} connections to port {}", port(), count, target.getPort());
    }

    /** Forwards new connections again. */
    public void restore() {
        cut = false;
        log.info("Proxy on port {} forwards to port {} again", port(), target.getPort());
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Proxy on port {} stopped accepting: {}", port(), e.getMessage());
                }
                return;
            }
            if (cut) {
                reset(client);
            } else {
                threads.execute(() -> connect(client));
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            log.debug("Proxy could not reach port {}: {}", target.getPort(), e.getMessage());
            reset(client);
            reset(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        // A cut that came while this connection was set up must reach it too.
        if (cut) {
            reset(client);
            reset(upstream);
            return;
        }
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            log.trace("Proxied connection ended: {}", e.getMessage());
        } finally {
            // A plain close sends what is still buffered; only a cut resets.
            close(from);
            close(to);
        }
    }

    private void reset(Socket socket) {
        try {
            if (!socket.isClosed() && socket.isConnected()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            log.trace("SO_LINGER not set on a closing socket: {}", e.getMessage());
        }
        close(socket);
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            log.trace("Closing a proxied socket failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
        threads.shutdownNow();
    }
}
