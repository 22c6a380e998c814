package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.Socket;

/**
 * The shared {@code TCP_NODELAY} socket factory that also remembers its last socket, so a vehicle can drop its
 * connection abruptly, as a lost network would. Thread-safe.
 */
final class DroppableSocketFactory extends NoDelaySocketFactory {

    private volatile @Nullable Socket lastSocket;

    /** Closes the last socket without any MQTT DISCONNECT, so the broker publishes the will. */
    void closeLastSocket() throws IOException {
        Socket socket = lastSocket;
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    protected Socket prepare(Socket socket) throws IOException {
        lastSocket = super.prepare(socket);
        return socket;
    }
}
