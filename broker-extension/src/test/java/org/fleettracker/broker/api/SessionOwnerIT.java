package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A persistent session belongs to the user who last connected with its client id while allowed: user A (dispatcher)
 * makes a session, and user B (viewer, which may read state topics only) tries to resume it with real Paho clients.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SessionOwnerIT {

    private static final int NOT_AUTHORIZED = 0x87;
    private static final String CLIENT_ID = "console-dispatcher-7f3a";
    private static final String EVENTS = "fleet/demo/events";
    private static final String STATE = "fleet/demo/vehicles/bus-1/state";
    private static final MqttTestClient.Session PERSISTENT = new MqttTestClient.Session(false, 3600);
    private static final MqttTestClient.Session CLEAN_PERSISTENT = new MqttTestClient.Session(true, 3600);

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private Path usersFile;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void other_user_cannot_resume_session() throws Exception {
        start();
        makeDispatcherSession();

        int reasonCode = reasonCode(CLIENT_ID, TestUsers.VIEWER, PERSISTENT);

        assertThat(reasonCode).isEqualTo(NOT_AUTHORIZED);
        assertThat(broker.securityCount(SecurityCounter.AUTHENTICATIONS_FAILED_SESSION_OWNER))
                .isEqualTo(1);
    }

    @Test
    void rejection_is_logged_with_both_users() throws Exception {
        start();
        makeDispatcherSession();

        try (LogCapture log = LogCapture.connections()) {
            reasonCode(CLIENT_ID, TestUsers.VIEWER, PERSISTENT);

            assertThat(log.linesWith("the session is owned by"))
                    .singleElement()
                    .asString()
                    .contains("'" + CLIENT_ID + "' from 127.0.0.1")
                    .contains("user '" + TestUsers.VIEWER + "'")
                    .contains("user '" + TestUsers.DISPATCHER + "'")
                    .doesNotContain(TestUsers.passwordOf(TestUsers.VIEWER));
        }
    }

    @Test
    void other_user_with_clean_start_gets_none_of_the_session() throws Exception {
        start();
        makeDispatcherSession();
        publishAsTracker(EVENTS, "queued-for-dispatcher");

        try (MqttTestClient viewer = connect(CLIENT_ID, TestUsers.VIEWER, CLEAN_PERSISTENT)) {
            assertThat(viewer.sessionPresent()).isFalse();
            assertThat(viewer.subscribe(STATE)).isEqualTo(1);
            publishAsTracker(EVENTS, "after-takeover");
            publishAsTracker(STATE, "{}");

            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.received().stream()
                    .anyMatch(m -> m.topic().equals(STATE)));
            assertThat(viewer.received())
                    .extracting(MqttTestClient.Received::topic)
                    .containsOnly(STATE);
        }
    }

    @Test
    void previous_owner_is_rejected_after_clean_start_takeover() throws Exception {
        start();
        makeDispatcherSession();
        connect(CLIENT_ID, TestUsers.VIEWER, CLEAN_PERSISTENT).close();

        int resume = reasonCode(CLIENT_ID, TestUsers.DISPATCHER, PERSISTENT);
        int cleanStart = reasonCode(CLIENT_ID, TestUsers.DISPATCHER, CLEAN_PERSISTENT);

        assertThat(resume).isEqualTo(NOT_AUTHORIZED);
        assertThat(cleanStart).isZero();
    }

    @Test
    void owner_resumes_session_with_queued_messages() throws Exception {
        start();
        makeDispatcherSession();
        publishAsTracker(EVENTS, "queued-for-dispatcher");

        try (MqttTestClient dispatcher = connect(CLIENT_ID, TestUsers.DISPATCHER, PERSISTENT)) {
            assertThat(dispatcher.sessionPresent()).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !dispatcher.received().isEmpty());
            assertThat(dispatcher.received().get(0).payload()).isEqualTo("queued-for-dispatcher");
        }
    }

    @Test
    void any_user_may_use_client_id_without_session() throws Exception {
        start();

        int reasonCode = reasonCode("fresh-client", TestUsers.VIEWER, PERSISTENT);

        assertThat(reasonCode).isZero();
    }

    @Test
    void other_user_may_resume_after_owner_ends_session() throws Exception {
        start();
        connect(CLIENT_ID, TestUsers.DISPATCHER, MqttTestClient.Session.CLEAN).close();

        int reasonCode = reasonCode(CLIENT_ID, TestUsers.VIEWER, PERSISTENT);

        assertThat(reasonCode).isZero();
    }

    @Test
    void ownership_survives_broker_restart() throws Exception {
        start();
        makeDispatcherSession();
        broker.close();
        startBroker();

        int viewer = reasonCode(CLIENT_ID, TestUsers.VIEWER, PERSISTENT);

        assertThat(viewer).isEqualTo(NOT_AUTHORIZED);
        try (MqttTestClient dispatcher = connect(CLIENT_ID, TestUsers.DISPATCHER, PERSISTENT)) {
            assertThat(dispatcher.sessionPresent()).isTrue();
        }
    }

    @Test
    void clean_start_takeover_survives_broker_restart() throws Exception {
        start();
        makeDispatcherSession();
        connect(CLIENT_ID, TestUsers.VIEWER, CLEAN_PERSISTENT).close();
        broker.close();
        startBroker();

        int dispatcher = reasonCode(CLIENT_ID, TestUsers.DISPATCHER, PERSISTENT);

        assertThat(dispatcher).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void owner_is_rejected_after_its_permissions_changed() throws Exception {
        start();
        makeDispatcherSession();

        Files.writeString(
                usersFile,
                "users:\n" + TestUsers.entry(TestUsers.TRACKER, "tracker", "[]")
                        + TestUsers.entry(TestUsers.DISPATCHER, "dispatcher", "[north]")
                        + TestUsers.entry(TestUsers.VIEWER, "viewer", "[demo]"),
                StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> reasonCode(CLIENT_ID, TestUsers.DISPATCHER, PERSISTENT) == NOT_AUTHORIZED);
        assertThat(reasonCode(CLIENT_ID, TestUsers.DISPATCHER, CLEAN_PERSISTENT))
                .isZero();
    }

    /** Connects as the dispatcher with clean start off and a one-hour session, subscribes to events, disconnects. */
    private void makeDispatcherSession() throws MqttException {
        try (MqttTestClient dispatcher = connect(CLIENT_ID, TestUsers.DISPATCHER, PERSISTENT)) {
            assertThat(dispatcher.subscribe(EVENTS)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(folder.resolve("broker/data/fleet-security/session-owners.json")));
    }

    private void publishAsTracker(String topic, String payload) throws MqttException {
        try (MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER, MqttTestClient.Session.CLEAN)) {
            assertThat(MqttTestClient.accepted(tracker.publish(topic, payload, 1, false)))
                    .isTrue();
        }
    }

    private MqttTestClient connect(String clientId, String username, MqttTestClient.Session session)
            throws MqttException {
        return MqttTestClient.connect(
                broker.serverUri(), clientId, username, TestUsers.passwordOf(username), null, session);
    }

    /** Returns the CONNACK reason code, 0 when connected; the connection is closed at once. */
    private int reasonCode(String clientId, String username, MqttTestClient.Session session) {
        try (MqttTestClient ignored = connect(clientId, username, session)) {
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private void start() throws IOException {
        usersFile = TestUsers.write(folder);
        startBroker();
    }

    private void startBroker() {
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(30));
    }
}
