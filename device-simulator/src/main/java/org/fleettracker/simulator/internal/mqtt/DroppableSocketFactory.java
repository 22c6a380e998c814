package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared {@code TCP_NODELAY} socket factory that also remembers its last socket, so a vehicle can drop its
 * connection abruptly, as a lost network would. Thread-safe.
 */
final class DroppableSocketFactory extends NoDelaySocketFactory {

    private final AtomicReference<@Nullable Socket> lastSocket = new AtomicReference<>();

    /**
     * Closes the last socket without any MQTT DISCONNECT, so the broker publishes the will.
     *
     * @return true when this call closed an open socket; false when there was none, or it was closed already
     */
    boolean closeLastSocket() throws IOException {
        // Taking the socket out makes a second call before the next connect a no-op, so each drop is counted once.
        Socket socket = lastSocket.getAndSet(null);
        if (socket == null || socket.isClosed()) {
            return false;
        }
        socket.close();
        return true;
    }

    @Override
    protected Socket prepare(Socket socket) throws IOException {
        lastSocket.set(super.prepare(socket));
        return socket;
    }
}
