package org.fleettracker.console.internal.mqtt;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.PasswordCheckingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetConnectionIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Instant FLEET_START = Instant.parse("2026-03-01T08:00:00Z");

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

    private FleetModel applied() {
        model.apply(inbox.drain());
        return model;
    }

    private EmbeddedBroker startBroker(int port, PasswordCheckingExtension extension) {
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
