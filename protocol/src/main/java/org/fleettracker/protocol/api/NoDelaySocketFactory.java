package org.fleettracker.protocol.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Creates plain TCP sockets with {@code TCP_NODELAY} set, for the MQTT clients of every part.
 *
 * <p>Paho 1.2.5 leaves Nagle's algorithm on, so a burst of small PUBACKs or PUBLISHes waits for the peer's delayed
 * ACK (about 40 ms on Linux), and a QoS 1 subscriber slows down about tenfold. Subclasses may override
 * {@link #prepare(Socket)} to keep track of the sockets. Thread-safe.
 */
public class NoDelaySocketFactory extends SocketFactory {

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
}
