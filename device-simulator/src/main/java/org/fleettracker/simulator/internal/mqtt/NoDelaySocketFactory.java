package org.fleettracker.simulator.internal.mqtt;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Creates plain TCP sockets with {@code TCP_NODELAY} set and remembers the last one.
 *
 * <p>Paho 1.2.5 leaves Nagle's algorithm on, so a small PUBLISH can wait for the broker's delayed ACK (about
 * 40 ms on Linux) before it leaves the socket. Remembering the socket lets a vehicle drop its connection abruptly,
 * as a lost network would. Thread-safe.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private volatile @Nullable Socket lastSocket;

    @Override
    public Socket createSocket() throws IOException {
        return remember(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return remember(new Socket(host, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return remember(new Socket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(new Socket(address, port, localAddress, localPort));
    }

    /** Closes the last socket without any MQTT DISCONNECT, so the broker publishes the will. */
    void closeLastSocket() throws IOException {
        Socket socket = lastSocket;
        if (socket != null) {
            socket.close();
        }
    }

    private Socket remember(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        lastSocket = socket;
        return socket;
    }
}
