package org.fleettracker.tracker.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.FaultReport;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.fleettracker.tracker.testing.VehicleBurst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A vehicle that was offline for three hours sends its buffer at once, shuffled, after a live fix: every fix is
 * stored and listed in fix-time order, and the vehicle's state stays on the live fix, never moving back.
 */
@Timeout(120)
class VehicleBacklogIT {

    private static final String VEHICLE = "backlog-1";
    private static final int BUFFERED = 350;
    private static final long STEP_SECONDS = 30;

    /** Ten metres per second along the track, so neighbouring fixes always imply a plausible speed. */
    private static final double LATITUDE_DEG_PER_SECOND = 0.00009;

    @TempDir
    Path folder;

    @Test
    void three_hour_buffer_stored_in_order_state_kept() throws Exception {
        TrackerSettings settings = TrackerHarness.settings(folder).build();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        List<Telemetry> buffer = new ArrayList<>();
        for (int i = 0; i < BUFFERED; i++) {
            buffer.add(fixAt(i + 1L, start, i * STEP_SECONDS));
        }
        Telemetry live = fixAt(BUFFERED + 1L, start, Duration.ofHours(3).toSeconds() - 30);
        Collections.shuffle(buffer, new Random(4));
        Set<VehicleBurst.Key> acknowledged = new HashSet<>();
        try (Tracker tracker = Tracker.start(settings);
                MqttTestClient viewer = MqttTestClient.connect(tracker.mqttServerUri(), "viewer-1", TestUsers.VIEWER);
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            viewer.subscribe(Topics.state(TestUsers.FLEET, VEHICLE));
            for (Telemetry fix : concat(live, buffer)) {
                vehicle.publishFix(TestUsers.FLEET, fix);
                acknowledged.add(new VehicleBurst.Key(VEHICLE, fix.seq()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> storedCount(settings) == BUFFERED + 1);

            assertListedInFixTimeOrder(tracker, start);
            assertThat(stateFixTimes(viewer)).isSorted().isNotEmpty().allMatch(live.fixTime()::equals);
            JsonNode state = Json.mapper()
                    .readTree(TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE)
                            .body());
            assertThat(state.toString()).contains(live.fixTime().toString());
        }
        FaultReport.check(
                "vehicle-backlog", BUFFERED + 1L, acknowledged, Database.jdbcUrl(settings.dataDir()), VEHICLE);
    }

    private static Telemetry fixAt(long seq, Instant start, long offsetSeconds) {
        return Fixes.fix(
                VEHICLE, seq, start.plusSeconds(offsetSeconds), 52.0 + offsetSeconds * LATITUDE_DEG_PER_SECOND, 13.4);
    }

    private static List<Telemetry> concat(Telemetry first, List<Telemetry> rest) {
        List<Telemetry> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static long storedCount(TrackerSettings settings) throws Exception {
        return TrackerHarness.count(
                settings.dataDir(), "SELECT COUNT(*) FROM positions WHERE vehicle_id = '" + VEHICLE + "'");
    }

    private static void assertListedInFixTimeOrder(Tracker tracker, Instant start) throws Exception {
        String path = "/api/v1/vehicles/" + VEHICLE + "/positions?from=" + start.minusSeconds(1) + "&to="
                + Instant.now().plusSeconds(60) + "&limit=1000";
        JsonNode positions =
                Json.mapper().readTree(TrackerHarness.get(tracker, path).body()).get("positions");
        List<Instant> fixTimes = new ArrayList<>();
        positions.forEach(
                position -> fixTimes.add(Instant.parse(position.get("fixTime").asText())));
        assertThat(fixTimes).hasSize(BUFFERED + 1).isSorted().doesNotHaveDuplicates();
    }

    /** Returns the fix time of every state message the viewer received, in arrival order. */
    private static List<Instant> stateFixTimes(MqttTestClient viewer) {
        return viewer.received().stream()
                .map(message ->
                        Json.decode(message.payload(), VehicleState.class).fixTime())
                .toList();
    }
}
