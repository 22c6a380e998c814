package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Creates plain TCP sockets with {@code TCP_NODELAY} set, for the MQTT clients of every part.
 *
 * <p>Paho 1.2.5 leaves Nagle's algorithm on, so a burst of small PUBACKs or PUBLISHes waits for the peer's delayed
 * ACK (about 40 ms on Linux), and a QoS 1 subscriber slows down about tenfold. Subclasses may override
 * {@link #prepare(Socket)} to keep track of the sockets. Thread-safe.
 *
 * <p>Paho 1.2.5 rejects a factory that is not an {@link SSLSocketFactory} for {@code ssl://} and {@code wss://}
 * server URIs, so clients pass {@link #forServerUri(String, SSLContext)} to
 * {@code MqttConnectionOptions.setSocketFactory}: it returns this factory for plain URIs and a TLS factory that
 * sends every socket through the same {@link #prepare(Socket)} for TLS URIs.
 */
public class NoDelaySocketFactory extends SocketFactory {

    /**
     * Returns a {@code TCP_NODELAY} socket factory for a Paho server URI.
     *
     * @param serverUri Paho server URI such as {@code tcp://127.0.0.1:1883} or {@code ssl://127.0.0.1:8883}
     * @param sslContext TLS settings (trusted certificates) for {@code ssl://} and {@code wss://}; null uses the
     *     JVM's default context, which trusts the JVM's trust store. Ignored for plain URIs.
     */
    public static SocketFactory forUri(String serverUri, @Nullable SSLContext sslContext) {
        return new NoDelaySocketFactory().forServerUri(serverUri, sslContext);
    }

    /** Returns whether Paho opens a TLS connection for this server URI ({@code ssl://} or {@code wss://}). */
    public static boolean isTlsUri(String serverUri) {
        String lower = serverUri.toLowerCase(Locale.ROOT);
        return lower.startsWith("ssl://") || lower.startsWith("wss://");
    }

    /**
     * Returns this factory for a plain server URI, or for a TLS one a factory that creates TLS sockets from
     * {@code sslContext} and passes each through this factory's {@link #prepare(Socket)}.
     *
     * @param sslContext TLS settings for TLS URIs; null uses the JVM's default context. Ignored for plain URIs.
     */
    public SocketFactory forServerUri(String serverUri, @Nullable SSLContext sslContext) {
        if (!isTlsUri(serverUri)) {
            return this;
        }
        return new Tls(sslContext != null ? sslContext : defaultContext(), this);
    }

    @Override
    public Socket createSocket() throws IOException {
        return prepare(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return prepare(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return prepare(new Socket(host, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return prepare(new Socket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return prepare(new Socket(address, port, localAddress, localPort));
    }

    /** Sets {@code TCP_NODELAY} on a new socket and returns it. */
    protected Socket prepare(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM offers no default TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * TLS sockets from an {@link SSLContext}, each passed through the owning factory's {@link #prepare(Socket)}.
     * Paho 1.2.5 calls {@link #createSocket()} and connects the socket itself before the TLS handshake.
     */
    private static final class Tls extends SSLSocketFactory {

        private final SSLSocketFactory delegate;
        private final NoDelaySocketFactory owner;

        Tls(SSLContext context, NoDelaySocketFactory owner) {
            this.delegate = context.getSocketFactory();
            this.owner = owner;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return owner.prepare(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return owner.prepare(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return owner.prepare(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
            return owner.prepare(delegate.createSocket(host, port, localAddress, localPort));
        }

        @Override
        public Socket createSocket(InetAddress address, int port) throws IOException {
            return owner.prepare(delegate.createSocket(address, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return owner.prepare(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
