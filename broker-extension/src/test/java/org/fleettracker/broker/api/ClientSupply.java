package org.fleettracker.broker.api;

import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connected clients of one account for tests that lose their connection often, such as after a denied PUBLISH. One
 * Paho 1.2.5 connect took about 300 ms of wall time on a 2-core build machine, so the next few connections are made
 * in the background while the test uses the current one. Each connection gets a new client id: the prefix and a
 * number.
 */
final class ClientSupply implements AutoCloseable {

    private static final int READY_CONNECTIONS = 3;
    private static final long CONNECT_TIMEOUT_S = 30;

    private final SecuredBroker broker;
    private final String username;
    private final String clientIdPrefix;
    private final ExecutorService executor = Executors.newFixedThreadPool(READY_CONNECTIONS);
    private final Deque<Future<MqttTestClient>> pending = new ArrayDeque<>();
    private final AtomicInteger number = new AtomicInteger();
    private @Nullable MqttTestClient current;

    ClientSupply(SecuredBroker broker, String username, String clientIdPrefix) {
        this.broker = broker;
        this.username = username;
        this.clientIdPrefix = clientIdPrefix;
        for (int i = 0; i < READY_CONNECTIONS; i++) {
            connectInBackground();
        }
    }

    /** Returns a connected client: the last one while the broker has not disconnected it, else the next one. */
    synchronized MqttTestClient current() throws ExecutionException, InterruptedException, TimeoutException {
        MqttTestClient client = current;
        if (client != null && client.isConnected() && !client.wasDisconnectedByBroker()) {
            return client;
        }
        if (client != null) {
            client.close();
        }
        connectInBackground();
        MqttTestClient next = pending.removeFirst().get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
        current = next;
        return next;
    }

    private void connectInBackground() {
        String clientId = clientIdPrefix + number.incrementAndGet();
        pending.addLast(executor.submit(() -> broker.connect(clientId, username)));
    }

    /** Stops connecting; the broker fixture closes the clients. */
    @Override
    public synchronized void close() {
        executor.shutdownNow();
    }
}
