package org.fleettracker.console.internal.mqtt;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's MQTT session with access tokens from a real tracker whose tokens live 3 s. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetConnectionTokenIT {

    private static final Path DEMO_USERS =
            Path.of(System.getProperty("basedir", ".")).resolve("../config/users.yaml");

    @TempDir
    Path dataDir;

    private Tracker tracker;
    private FleetConnection connection;

    @BeforeEach
    void startTracker() {
        tracker = Tracker.start(TrackerSettings.builder()
                .mqttPort(0)
                .httpPort(0)
                .dataDir(dataDir)
                .usersFile(DEMO_USERS)
                .tokenLifetimeSeconds(3)
                .build());
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        tracker.close();
    }

    @Test
    void console_connects_with_token_and_renews_it() {
        connection = start(tracker.httpBaseUri(), ConsoleSettings.DEFAULT_PASSWORD);

        await().atMost(Duration.ofSeconds(20)).until(() -> state() == ConnectionState.CONNECTED);
        // Each renewal at 80 % of the 3 s lifetime is one more connect with a fresh token.
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.connectAttempts() >= 4);

        await().atMost(Duration.ofSeconds(10)).until(() -> state() == ConnectionState.CONNECTED);
        assertThat(connection.status().detail()).isNull();
    }

    @Test
    void wrong_password_is_rejected_by_api() {
        connection = start(tracker.httpBaseUri(), "not-the-password");

        await().atMost(Duration.ofSeconds(20)).until(() -> state() == ConnectionState.REFUSED);
        assertThat(connection.status().detail()).contains("HTTP 401").contains("access token");
    }

    @Test
    void unreachable_api_falls_back_to_the_password() throws IOException {
        URI closedPort = URI.create("http://127.0.0.1:" + freePort());

        connection = start(closedPort, ConsoleSettings.DEFAULT_PASSWORD);

        await().atMost(Duration.ofSeconds(20)).until(() -> state() == ConnectionState.CONNECTED);
        assertThat(connection.connectAttempts()).isEqualTo(1);
        assertThat(connection.accessToken()).isNull();
    }

    private FleetConnection start(URI apiUrl, String password) {
        ConsoleSettings settings = ConsoleSettings.of(
                        tracker.mqttServerUri(),
                        ConsoleSettings.DEFAULT_FLEET_ID,
                        ConsoleSettings.DEFAULT_USERNAME,
                        password)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withApiUrl(apiUrl);
        ConsoleDataDir consoleDir = ConsoleDataDir.open(dataDir.resolve("console-" + System.nanoTime()), "dispatcher");
        FleetConnection started = new FleetConnection(settings, consoleDir, new FleetInbox(100), Clock.systemUTC());
        started.start();
        return started;
    }

    private ConnectionState state() {
        return connection.status().state();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
