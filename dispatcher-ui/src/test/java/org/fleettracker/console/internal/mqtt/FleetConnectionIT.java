package org.fleettracker.console.internal.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.PasswordCheckingExtension;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetConnectionIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Instant FLEET_START = Instant.parse("2026-03-01T08:00:00Z");
    private static final String OPS_USER = "ops";
    private static final String OPS_PASSWORD = "ops-secret";

    @TempDir
    Path dataDir;

    private final FleetInbox inbox = new FleetInbox(100);
    private final FleetModel model = new FleetModel(100);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void retained_states_arrive_after_connect() throws Exception {
        EmbeddedBroker broker = startBroker(0, null);
        publishSteps(broker, 10, 1);

        connect(broker, ConsoleSettings.DEFAULT_USERNAME, ConsoleSettings.DEFAULT_PASSWORD);

        await().atMost(Duration.ofSeconds(20)).until(() -> applied().size() == 10);
        assertThat(model.staleCount()).isZero();
    }

    @Test
    void malformed_message_is_counted_and_connection_stays_up() throws Exception {
        EmbeddedBroker broker = startBroker(0, null);
        FleetConnection connection =
                connect(broker, ConsoleSettings.DEFAULT_USERNAME, ConsoleSettings.DEFAULT_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().state() == ConnectionState.CONNECTED);

        try (DemoFleet fleet = new DemoFleet(broker.serverUri(), 3, FLEET_START)) {
            fleet.publishRaw("van-00", "{not json".getBytes(StandardCharsets.UTF_8));
            fleet.publishStep(0);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> applied().size() == 3);
        assertThat(inbox.malformedCount()).isEqualTo(1);
        assertThat(connection.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void broker_restart_marks_stale_then_resynchronises() throws Exception {
        EmbeddedBroker broker = startBroker(0, null);
        publishSteps(broker, 10, 1);
        FleetConnection connection =
                connect(broker, ConsoleSettings.DEFAULT_USERNAME, ConsoleSettings.DEFAULT_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> applied().size() == 10);
        int port = broker.port();

        broker.close();

        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().state() == ConnectionState.DISCONNECTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> applied().staleCount() == 10);
        assertThat(model.staleSince()).isNotNull();

        startBroker(port, null);

        await().atMost(Duration.ofSeconds(60)).until(() -> connection.status().state() == ConnectionState.CONNECTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> applied().staleCount() == 0);
        assertThat(model.staleSince()).isNull();
        assertThat(model.size()).isEqualTo(10);
    }

    @Test
    void wrong_password_is_refused_without_retrying() throws Exception {
        PasswordCheckingExtension extension = new PasswordCheckingExtension();
        EmbeddedBroker broker = startBroker(0, extension);

        FleetConnection connection = connect(broker, ConsoleSettings.DEFAULT_USERNAME, "not-the-password");

        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().state() == ConnectionState.REFUSED);
        assertThat(connection.status().detail()).contains("bad user name or password");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> extension.connectAttempts() == 1);
        assertThat(connection.connectAttempts()).isEqualTo(1);
    }

    @Test
    void right_password_passes_the_password_check() throws Exception {
        PasswordCheckingExtension extension = new PasswordCheckingExtension();
        EmbeddedBroker broker = startBroker(0, extension);
        publishSteps(broker, 2, 1);

        FleetConnection connection =
                connect(broker, ConsoleSettings.DEFAULT_USERNAME, ConsoleSettings.DEFAULT_PASSWORD);

        await().atMost(Duration.ofSeconds(20)).until(() -> applied().size() == 2);
        assertThat(connection.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void refused_subscription_stops_the_console() throws Exception {
        PasswordCheckingExtension extension = new PasswordCheckingExtension();
        EmbeddedBroker broker = startBroker(0, extension);

        FleetConnection connection = connect(broker, PasswordCheckingExtension.OUTSIDER, "outsider-demo");

        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().state() == ConnectionState.REFUSED);
        assertThat(connection.status().detail()).contains("refused the subscription", "not authorized");
    }

    @Test
    void one_connection_follows_every_fleet_of_the_settings() throws Exception {
        EmbeddedBroker broker = startBroker(0, new FleetSecurityExtension(writeUsersFile()));
        publishFleet(broker, "north", 3);
        publishFleet(broker, "south", 2);
        publishFleet(broker, "west", 4);

        FleetConnection connection = connect(broker, List.of("north", "south"), dataDir.resolve("console-ops"));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied().size() == 5);
        assertThat(model.vehicles())
                .map(track -> track.state().orElseThrow())
                .extracting(VehicleState::fleetId, VehicleState::vehicleId)
                .containsExactlyInAnyOrder(
                        tuple("north", "north-van-00"),
                        tuple("north", "north-van-01"),
                        tuple("north", "north-van-02"),
                        tuple("south", "south-van-00"),
                        tuple("south", "south-van-01"));
        assertThat(inbox.malformedCount()).isZero();
        assertThat(connection.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void refusal_names_the_fleet_the_account_may_not_read() throws Exception {
        EmbeddedBroker broker = startBroker(0, new FleetSecurityExtension(writeUsersFile()));

        FleetConnection connection = connect(broker, List.of("north", "west"), dataDir.resolve("console-ops"));

        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().state() == ConnectionState.REFUSED);
        assertThat(connection.status().detail())
                .isEqualTo("broker refused the subscription to fleet/west/vehicles/+/state: not authorized (reason"
                        + " code 0x87); user ops may not read the state, presence and events of fleet west, which the"
                        + " console needs; remove it from the console's fleets (Settings or --fleet)");
    }

    @Test
    void resumed_session_stops_receiving_fleets_the_settings_dropped() throws Exception {
        EmbeddedBroker broker = startBroker(0, new FleetSecurityExtension(writeUsersFile()));
        Path folder = dataDir.resolve("console-ops");
        runUntil(broker, List.of("north", "south"), folder, ConnectionState.CONNECTED);
        runUntil(broker, List.of("north"), folder, ConnectionState.CONNECTED);

        try (ConsoleDataDir consoleDir = ConsoleDataDir.open(folder, OPS_USER)) {
            assertThat(consoleDir.subscribedFleets()).contains(Set.of("north"));
        }
        assertSessionQueuesOnly(broker, folder, "north", "south");
    }

    @Test
    void session_without_a_record_of_its_fleets_starts_anew() throws Exception {
        EmbeddedBroker broker = startBroker(0, new FleetSecurityExtension(writeUsersFile()));
        Path folder = dataDir.resolve("console-ops");
        runUntil(broker, List.of("north", "south"), folder, ConnectionState.CONNECTED);
        // As in a data folder of a console version that kept no record, or after the file was deleted.
        Files.delete(folder.resolve("mqtt-subscriptions.properties"));

        runUntil(broker, List.of("north"), folder, ConnectionState.CONNECTED);

        assertSessionQueuesOnly(broker, folder, "north", "south");
    }

    @Test
    void fleets_granted_before_a_refusal_are_dropped_by_the_next_run() throws Exception {
        EmbeddedBroker broker = startBroker(0, new FleetSecurityExtension(writeUsersFile()));
        Path folder = dataDir.resolve("console-ops");
        runUntil(broker, List.of("north", "west"), folder, ConnectionState.REFUSED);

        runUntil(broker, List.of("south"), folder, ConnectionState.CONNECTED);

        assertSessionQueuesOnly(broker, folder, "south", "north");
    }

    /**
     * Publishes a fix of {@code dropped} then one of {@code kept} while the console of {@code folder} is offline,
     * resumes its session with a plain client, and checks that only the fix of {@code kept} was queued: had the fix
     * of {@code dropped} been queued, it would have arrived first.
     */
    private void assertSessionQueuesOnly(EmbeddedBroker broker, Path folder, String kept, String dropped)
            throws Exception {
        String clientId;
        try (ConsoleDataDir consoleDir = ConsoleDataDir.open(folder, OPS_USER)) {
            clientId = consoleDir.clientId();
        }
        try (DemoFleet droppedFleet = new DemoFleet(broker.serverUri(), dropped, 1, FLEET_START, null);
                DemoFleet keptFleet = new DemoFleet(broker.serverUri(), kept, 1, FLEET_START, null)) {
            droppedFleet.publishRaw(droppedFleet.vehicleIdOf(0), "dropped".getBytes(StandardCharsets.UTF_8));
            keptFleet.publishRaw(keptFleet.vehicleIdOf(0), "kept".getBytes(StandardCharsets.UTF_8));
        }
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient resumed = new MqttClient(broker.serverUri(), clientId, new MemoryPersistence());
        resources.add(resumed::close);
        resumed.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setUserName(OPS_USER);
        options.setPassword(OPS_PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(resumed.connectWithResult(options).getSessionPresent()).isTrue();

        String keptTopic = Topics.state(kept, kept + "-van-00");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(keptTopic));
        assertThat(received).containsExactly(keptTopic);
        resumed.disconnect();
    }

    @Test
    void close_mid_connect_lets_a_replacement_connect() throws Exception {
        ConsoleDataDir consoleDir = ConsoleDataDir.open(dataDir.resolve("console-closed-mid-connect"), OPS_USER);
        resources.add(consoleDir);
        // A server that accepts the TCP connection but never sends a CONNACK keeps Paho inside its connect.
        try (ServerSocket silentBroker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silentBroker.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ConsoleSettings settings = ConsoleSettings.of(
                    "tcp://127.0.0.1:" + silentBroker.getLocalPort(), DemoFleet.FLEET_ID, OPS_USER, OPS_PASSWORD);
            FleetConnection connection = new FleetConnection(settings, consoleDir, inbox, Clock.systemUTC());
            resources.add(connection);
            connection.start();

            try (Socket socket = accepted.get(20, TimeUnit.SECONDS)) {
                connection.close();
            }

            assertThat(connection.status().state()).isEqualTo(ConnectionState.CLOSED);
        }
        // The console that replaces this one reuses the folder, its client id and Paho's files.
        EmbeddedBroker broker = startBroker(0, null);
        ConsoleSettings settings = ConsoleSettings.of(broker.serverUri(), DemoFleet.FLEET_ID, OPS_USER, OPS_PASSWORD)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
        FleetConnection replacement = new FleetConnection(settings, consoleDir, inbox, Clock.systemUTC());
        resources.add(replacement);
        replacement.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> replacement.status().state() == ConnectionState.CONNECTED);
    }

    private FleetModel applied() {
        model.apply(inbox.drain());
        return model;
    }

    private EmbeddedBroker startBroker(int port, @Nullable ExtensionMain extension) {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().port(port).dataDir(dataDir);
        if (extension != null) {
            builder.extension(extension);
        }
        EmbeddedBroker broker = builder.build().start(START_TIMEOUT);
        resources.add(broker);
        return broker;
    }

    private void publishSteps(EmbeddedBroker broker, int vehicleCount, int steps) throws Exception {
        try (DemoFleet fleet = new DemoFleet(broker.serverUri(), vehicleCount, FLEET_START)) {
            for (int step = 0; step < steps; step++) {
                fleet.publishStep(step);
            }
        }
    }

    /** Starts a console of user {@code ops} on {@code folder}, waits until it reaches {@code state}, then closes it. */
    private void runUntil(EmbeddedBroker broker, List<String> fleetIds, Path folder, ConnectionState state)
            throws Exception {
        ConsoleSettings settings = ConsoleSettings.of(broker.serverUri(), fleetIds.get(0), OPS_USER, OPS_PASSWORD)
                .withFleetIds(fleetIds);
        try (ConsoleDataDir consoleDir = ConsoleDataDir.open(folder, OPS_USER);
                FleetConnection connection = new FleetConnection(settings, consoleDir, inbox, Clock.systemUTC())) {
            connection.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> connection.status().state() == state);
        }
    }

    private FleetConnection connect(EmbeddedBroker broker, List<String> fleetIds, Path folder) {
        ConsoleSettings settings = ConsoleSettings.of(broker.serverUri(), fleetIds.get(0), OPS_USER, OPS_PASSWORD)
                .withFleetIds(fleetIds)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
        ConsoleDataDir consoleDir = ConsoleDataDir.open(folder, OPS_USER);
        resources.add(consoleDir);
        FleetConnection connection = new FleetConnection(settings, consoleDir, inbox, Clock.systemUTC());
        resources.add(connection);
        connection.start();
        return connection;
    }

    private static void publishFleet(EmbeddedBroker broker, String fleetId, int vehicleCount) throws Exception {
        try (DemoFleet fleet = new DemoFleet(broker.serverUri(), fleetId, vehicleCount, FLEET_START, null)) {
            fleet.publishStep(0);
        }
    }

    /**
     * Writes a users file with dispatcher {@code ops} and the account that {@link DemoFleet} logs in with. That
     * account is an admin here, because a tracker account may not publish presence, which DemoFleet also does.
     */
    private Path writeUsersFile() throws Exception {
        Path file = dataDir.resolve("users.yaml");
        Files.writeString(
                file,
                "users:\n"
                        + "  - username: tracker\n"
                        + "    password: \"" + PasswordHashes.hash("tracker-demo".toCharArray()) + "\"\n"
                        + "    role: admin\n"
                        + "  - username: " + OPS_USER + "\n"
                        + "    password: \"" + PasswordHashes.hash(OPS_PASSWORD.toCharArray()) + "\"\n"
                        + "    role: dispatcher\n"
                        + "    fleets: [north, south]\n",
                StandardCharsets.UTF_8);
        return file;
    }

    private FleetConnection connect(EmbeddedBroker broker, String username, String password) {
        ConsoleSettings settings = ConsoleSettings.of(broker.serverUri(), DemoFleet.FLEET_ID, username, password)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
        // Each console gets its own data folder, because a folder is locked by the console that uses it.
        ConsoleDataDir consoleDir = ConsoleDataDir.open(dataDir.resolve("console-" + resources.size()), username);
        resources.add(consoleDir);
        FleetConnection connection = new FleetConnection(settings, consoleDir, inbox, Clock.systemUTC());
        resources.add(connection);
        connection.start();
        return connection;
    }
}
