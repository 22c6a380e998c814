package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: an embedded broker with {@link FleetSecurityExtension} on a users file in a temporary folder, and the
 * Paho clients a test connects to it, which {@link #closeClients()} and {@link #close()} release.
 */
final class SecuredBroker implements AutoCloseable {

    private final EmbeddedBroker broker;
    private final Path usersFile;
    private final List<MqttTestClient> clients = new CopyOnWriteArrayList<>();

    private SecuredBroker(EmbeddedBroker broker, Path usersFile) {
        this.broker = broker;
        this.usersFile = usersFile;
    }

    /** Writes the {@link TestUsers} file into {@code folder} and starts a broker that reads it. */
    static SecuredBroker start(Path folder) throws IOException {
        return start(folder, TestUsers.write(folder));
    }

    /** Starts a broker that reads {@code usersFile}, which may be missing or invalid. */
    static SecuredBroker start(Path folder, Path usersFile) {
        EmbeddedBroker broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(30));
        return new SecuredBroker(broker, usersFile);
    }

    String serverUri() {
        return broker.serverUri();
    }

    Path usersFile() {
        return usersFile;
    }

    /** Connects as {@code username} with its {@link TestUsers} password; throws the broker's refusal. */
    MqttTestClient connect(String clientId, String username) throws MqttException {
        return connect(clientId, username, TestUsers.passwordOf(username), null);
    }

    MqttTestClient connect(
            String clientId, @Nullable String username, @Nullable String password, MqttTestClient.@Nullable Will will)
            throws MqttException {
        MqttTestClient client = MqttTestClient.connect(serverUri(), clientId, username, password, will);
        clients.add(client);
        return client;
    }

    /** Returns the CONNACK reason code of a connection attempt, 0 when it connected; closes the client at once. */
    int connectReasonCode(String clientId, @Nullable String username, @Nullable String password) {
        return MqttTestClient.connectReasonCode(serverUri(), clientId, username, password);
    }

    /** Returns the CONNACK reason code of a connection attempt with a will message; keeps a connected client. */
    int connectWithWillReasonCode(String clientId, String username, MqttTestClient.Will will) {
        try {
            connect(clientId, username, TestUsers.passwordOf(username), will);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    void closeClients() {
        clients.forEach(MqttTestClient::close);
        clients.clear();
    }

    @Override
    public void close() {
        closeClients();
        broker.close();
    }
}
