package org.fleettracker.tracker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mixed stream of valid and invalid fixes over MQTT. Only the valid ones are stored, with their flags. Each invalid
 * one leaves a reject row with its reason. The state ends at the newest accepted fix. Every message is acknowledged,
 * so a restarted tracker receives none of them again.
 */
@Timeout(180)
class IngestRulesIT {

    private static final String VEHICLE = "rules-v1";
    private static final double METRES_PER_DEGREE = 111_195.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private TrackerSettings settings;

    @BeforeEach
    void startBroker() throws Exception {
        settings = TrackerHarness.settings(folder).build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(settings.usersFile()))
                .build()
                .start(Duration.ofSeconds(60));
        settings = settings.toBuilder().brokerUrl(broker.serverUri()).build();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void mixed_stream_stores_only_valid_fixes() throws Exception {
        Instant now = Instant.now();
        Instant base = now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<Telemetry> stream = List.of(
                fix(1, base, 0, 5.0), // valid
                fix(2, now.plus(Duration.ofHours(1)), 0, 5.0), // future
                fix(3, now.minus(Duration.ofDays(40)), 0, 5.0), // too old
                fix(4, base.plusSeconds(5).minus(Duration.ofDays(7 * 1024)), 50, 5.0), // GPS week rollover
                fix(5, Instant.EPOCH, 0, 5.0), // epoch 0
                fix(1, base, 0, 5.0), // duplicate seq
                fix(6, base, 0, 5.0), // duplicate fix
                fix(7, base.plusSeconds(20), 30_000, 5.0), // outlier
                fix(8, base.plusSeconds(30), 300, 5.0), // plausible again
                fix(9, base.plusSeconds(40), 300, null), // stale repeat
                fix(10, base.plusSeconds(60), 500, 5.0), // newest
                fix(11, base.plusSeconds(10), 100, 5.0)); // out of order
        Map<Long, String> expectedStored = new TreeMap<>(
                Map.of(1L, "", 4L, "time_corrected", 7L, "outlier", 8L, "", 9L, "low_confidence", 10L, "", 11L, ""));
        Map<Long, String> expectedRejects =
                Map.of(2L, "fix_time_in_future", 3L, "fix_time_too_old", 5L, "fix_time_too_old");

        try (Tracker tracker = Tracker.start(settings);
                MqttTestClient dispatcher =
                        MqttTestClient.connect(broker.serverUri(), "rules-dispatcher", TestUsers.DISPATCHER);
                MqttTestClient vehicle = MqttTestClient.vehicle(broker.serverUri(), VEHICLE)) {
            dispatcher.subscribe(Topics.rejects(TestUsers.FLEET));
            for (Telemetry fix : stream) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("positions") == expectedStored.size() && count("rejects") == 3);
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            TrackerHarness.metric(tracker, "tracker_positions_duplicates_total{kind=\"fix\"}") == 1.0);

            assertThat(storedFlags(tracker)).isEqualTo(expectedStored);
            assertThat(rejectsBySeq()).isEqualTo(expectedRejects);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> dispatcher.received().size() == 3);
            assertThat(publishedRejectsBySeq(dispatcher)).isEqualTo(expectedRejects);
            assertThat(correctedFixTime()).isEqualTo(base.plusSeconds(5));
            JsonNode state = json(tracker, "/api/v1/vehicles/" + VEHICLE);
            assertThat(state.get("seq").asLong()).isEqualTo(10);
            assertMetrics(tracker);
        }

        try (Tracker restarted = Tracker.start(settings);
                MqttTestClient vehicle = MqttTestClient.vehicle(broker.serverUri(), VEHICLE)) {
            // The broker delivers any unacknowledged message of the old session before this new one.
            vehicle.publishFix(TestUsers.FLEET, fix(12, base.plusSeconds(70), 600, 5.0));
            await().atMost(Duration.ofSeconds(60)).until(() -> count("positions") == expectedStored.size() + 1);
            assertThat(TrackerHarness.metric(restarted, "tracker_messages_received_total{kind=\"telemetry\"}"))
                    .isEqualTo(1.0);
            assertThat(count("rejects")).isEqualTo(3);
        }
    }

    private static void assertMetrics(Tracker tracker) throws Exception {
        Map<String, Double> expected = Map.of(
                "tracker_messages_received_total{kind=\"telemetry\"}", 12.0,
                "tracker_positions_stored_total", 7.0,
                "tracker_positions_duplicates_total{kind=\"seq\"}", 1.0,
                "tracker_positions_flagged_total{flag=\"outlier\"}", 1.0,
                "tracker_positions_flagged_total{flag=\"low_confidence\"}", 1.0,
                "tracker_positions_flagged_total{flag=\"time_corrected\"}", 1.0,
                "tracker_fix_time_corrections_total", 1.0,
                "tracker_messages_rejected_total{reason=\"fix_time_in_future\"}", 1.0,
                "tracker_messages_rejected_total{reason=\"fix_time_too_old\"}", 2.0);
        for (Map.Entry<String, Double> sample : expected.entrySet()) {
            assertThat(TrackerHarness.metric(tracker, sample.getKey()))
                    .as(sample.getKey())
                    .isEqualTo(sample.getValue());
        }
    }

    /** Returns each stored seq with its flags from the history API, checking the history is in fix-time order. */
    private static Map<Long, String> storedFlags(Tracker tracker) throws Exception {
        JsonNode positions =
                json(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions").get("positions");
        Map<Long, String> flags = new TreeMap<>();
        Instant previous = Instant.MIN;
        for (JsonNode position : positions) {
            Instant fixTime = Instant.parse(position.get("fixTime").asText());
            assertThat(fixTime).isAfterOrEqualTo(previous);
            previous = fixTime;
            List<String> codes = new ArrayList<>();
            position.get("flags").forEach(flag -> codes.add(flag.asText()));
            flags.put(position.get("seq").asLong(), String.join(",", codes));
        }
        return flags;
    }

    private Map<Long, String> rejectsBySeq() throws SQLException, JsonProcessingException {
        Map<Long, String> reasons = new TreeMap<>();
        for (String row : query("SELECT payload_excerpt, reason FROM rejects")) {
            String[] parts = row.split("\\|");
            reasons.put(JSON.readTree(parts[0]).get("seq").asLong(), parts[1]);
        }
        return reasons;
    }

    private static Map<Long, String> publishedRejectsBySeq(MqttTestClient dispatcher) throws JsonProcessingException {
        Map<Long, String> reasons = new TreeMap<>();
        for (MqttTestClient.Received message : dispatcher.received()) {
            Reject reject = Json.decode(message.payload(), Reject.class);
            assertThat(reject.vehicleId()).isEqualTo(VEHICLE);
            reasons.put(
                    JSON.readTree(reject.payloadExcerpt()).get("seq").asLong(),
                    reject.reason().code());
        }
        return reasons;
    }

    private Instant correctedFixTime() throws SQLException {
        String sql = "SELECT fix_time FROM positions WHERE vehicle_id = '" + VEHICLE + "' AND seq = 4";
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private long count(String table) throws SQLException {
        return TrackerHarness.count(settings.dataDir(), "SELECT COUNT(*) FROM " + table);
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getString(2));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(Database.jdbcUrl(settings.dataDir()), "sa", "");
    }

    private static JsonNode json(Tracker tracker, String path) throws Exception {
        var response = TrackerHarness.get(tracker, path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Telemetry fix(long seq, Instant time, double northM, @Nullable Double accuracyM) {
        return new Telemetry(
                VEHICLE,
                seq,
                time,
                52.5 + northM / METRES_PER_DEGREE,
                13.4,
                30.0,
                0.0,
                null,
                accuracyM,
                null,
                null,
                null,
                null);
    }
}
