package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.geofence.GeofenceSpeedLimits;
import org.fleettracker.tracker.internal.storage.VehicleSettingsStore;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.FleetScenario;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Status, distance, offline, stale, overspeed, idle and panic, replayed through the pipeline with a test clock. */
class VehicleRulesScenarioTest {

    private static final double LATITUDE = 52.5;
    private static final double LONGITUDE = 13.4;

    /** About 1,000 m north of the start. */
    private static final double ONE_KM_NORTH = LATITUDE + 1_000 / 111_195.0;

    @TempDir
    Path dataDir;

    private final VehicleLimits vehicleLimits = new VehicleLimits();
    private GeofenceSpeedLimits areaLimits = (fleetId, latitudeDeg, longitudeDeg) -> OptionalDouble.empty();
    private FleetScenario scenario;

    @AfterEach
    void close() {
        if (scenario != null) {
            scenario.close();
        }
    }

    private FleetScenario start(FleetSettings settings) {
        scenario = new FleetScenario(
                dataDir,
                settings,
                Fixes.START,
                (s, states) -> FleetRules.withSpeedLimits(
                        s,
                        states,
                        vehicleLimits,
                        new GeofenceRegistry(),
                        (fleetId, latitudeDeg, longitudeDeg) ->
                                areaLimits.speedLimitKmhAt(fleetId, latitudeDeg, longitudeDeg),
                        new JobRule()));
        return scenario;
    }

    private static TrackBuilder track() {
        return new TrackBuilder("v1", Fixes.START, LATITUDE, LONGITUDE);
    }

    @Test
    void distance_adds_up_a_straight_drive() throws SQLException {
        List<Telemetry> fixes = track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes();
        Telemetry first = fixes.get(0);
        Telemetry last = fixes.get(fixes.size() - 1);

        start(FleetSettings.defaults()).drive(fixes);

        double expectedM = TrackBuilder.distanceM(
                first.latitudeDeg(), first.longitudeDeg(), last.latitudeDeg(), last.longitudeDeg());
        assertThat(expectedM).isGreaterThan(900);
        assertThat(scenario.states().get("v1").distanceM()).isCloseTo(expectedM, within(0.5));
    }

    @Test
    void distance_ignores_jitter_at_standstill() throws SQLException {
        List<Telemetry> fixes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double offsetDeg = (i % 2 == 0 ? 3 : -3) / 111_195.0;
            fixes.add(fix(i + 1, Fixes.START.plusSeconds(5L * i), LATITUDE + offsetDeg, 0, null));
        }

        start(FleetSettings.defaults()).drive(fixes);

        assertThat(scenario.states().get("v1").distanceM()).isZero();
    }

    @Test
    void distance_skips_outliers_and_late_fixes() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes());
        double before = scenario.states().get("v1").distanceM();
        Instant last = scenario.states().get("v1").fixTime();

        scenario.drive(List.of(fix(1_000, last.plusSeconds(5), LATITUDE + 1.0, 36, null)));
        scenario.sendBatch(List.of(fix(2_000, Fixes.START.plusSeconds(2), LATITUDE - 0.01, 36, null)));

        assertThat(scenario.states().get("v1").distanceM()).isEqualTo(before);
    }

    @Test
    void distance_survives_a_restart() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes());
        double before = scenario.states().get("v1").distanceM();

        scenario.restart();
        scenario.advance(Duration.ofSeconds(2));

        assertThat(scenario.states().get("v1").distanceM()).isEqualTo(before);
    }

    @Test
    void status_follows_speed_ignition_and_presence() throws SQLException {
        start(FleetSettings.defaults());
        TrackBuilder track = track().driveTo(ONE_KM_NORTH, LONGITUDE, 36);
        scenario.drive(track.fixes());
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.MOVING);

        scenario.drive(tail(track.halt(Duration.ofSeconds(30)).fixes(), 6));
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.IDLE);

        scenario.drive(tail(track.ignition(false).halt(Duration.ofSeconds(30)).fixes(), 6));
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.STOPPED);

        scenario.presence("v1", false);
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.OFFLINE);
    }

    @Test
    void presence_offline_raises_one_offline_alert_and_online_ends_it() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes());

        scenario.presence("v1", false);
        scenario.presence("v1", false);
        scenario.advance(Duration.ofMinutes(20));
        scenario.presence("v1", true);

        List<FleetEvent> offline = scenario.events("offline");
        assertThat(offline).hasSize(1);
        assertThat(offline.get(0).alert()).isTrue();
        assertThat(offline.get(0).severity()).isEqualTo(EventSeverity.WARNING);
        assertThat(offline.get(0).attributes()).containsEntry("cause", "presence");
        assertThat(scenario.events("online")).hasSize(1);
        assertThat(scenario.states().get("v1").status()).isNotEqualTo(MotionStatus.OFFLINE);
    }

    @Test
    void silence_past_the_timeout_makes_the_vehicle_offline_once() throws SQLException {
        start(FleetSettings.defaults());
        TrackBuilder track = track().driveTo(ONE_KM_NORTH, LONGITUDE, 36);
        scenario.drive(track.fixes());

        scenario.advance(Duration.ofMinutes(9));
        assertThat(scenario.events("offline")).isEmpty();
        scenario.advance(Duration.ofMinutes(2));
        scenario.restart();
        scenario.advance(Duration.ofMinutes(5));

        assertThat(scenario.events("offline")).hasSize(1);
        assertThat(scenario.events("offline").get(0).attributes()).containsEntry("cause", "timeout");
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.OFFLINE);
    }

    @Test
    void fix_after_a_timeout_brings_the_vehicle_back_online() throws SQLException {
        start(FleetSettings.defaults());
        TrackBuilder track = track().driveTo(ONE_KM_NORTH, LONGITUDE, 36);
        scenario.drive(track.fixes());
        scenario.advance(Duration.ofMinutes(15));

        scenario.drive(track.gap(Duration.ofMinutes(15))
                .driveTo(LATITUDE, LONGITUDE, 36)
                .fixes()
                .subList(track.fixes().size() - 1, track.fixes().size()));

        assertThat(scenario.events("online")).hasSize(1);
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.MOVING);
    }

    @Test
    void online_vehicle_without_fixes_raises_one_stale_alert() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes());
        scenario.presence("v1", true);

        scenario.advance(Duration.ofMinutes(30));

        assertThat(scenario.events("stale")).hasSize(1);
        assertThat(scenario.events("offline")).isEmpty();
    }

    @Test
    void online_vehicle_silent_past_silence_timeout_goes_offline() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes());
        scenario.presence("v1", true);

        scenario.advance(Duration.ofMinutes(59));
        assertThat(scenario.events("offline")).isEmpty();
        scenario.advance(Duration.ofMinutes(2));

        assertThat(scenario.events("offline")).hasSize(1);
        assertThat(scenario.events("offline").get(0).attributes()).containsEntry("cause", "silence");
        assertThat(scenario.states().get("v1").status()).isEqualTo(MotionStatus.OFFLINE);
        assertThat(scenario.events("stale")).hasSize(1);
    }

    @Test
    void reconnected_vehicle_is_not_stale_at_once() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).fixes());
        scenario.presence("v1", false);
        scenario.advance(Duration.ofMinutes(5));

        scenario.presence("v1", true);
        scenario.advance(Duration.ofSeconds(30));

        assertThat(scenario.events("stale")).isEmpty();
        scenario.advance(Duration.ofMinutes(2));
        assertThat(scenario.events("stale")).hasSize(1);
    }

    @Test
    void jitter_across_the_floor_adds_no_distance() throws SQLException {
        List<Telemetry> fixes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double offsetDeg = (i % 2 == 0 ? 7.8 : -7.8) / 111_195.0;
            fixes.add(fix(i + 1, Fixes.START.plusSeconds(5L * i), LATITUDE + offsetDeg, 0.5, null));
        }

        start(FleetSettings.defaults()).drive(fixes);

        assertThat(scenario.states().get("v1").distanceM()).isZero();
    }

    @Test
    void short_overspeed_raises_nothing() throws SQLException {
        start(FleetSettings.defaults()).drive(overspeedTrack(130, Duration.ofSeconds(10)));

        assertThat(scenario.events("overspeed")).isEmpty();
    }

    @Test
    void long_overspeed_raises_one_alert_and_an_end_with_top_speed() throws SQLException {
        start(FleetSettings.defaults()).drive(overspeedTrack(130, Duration.ofSeconds(60)));

        List<FleetEvent> overspeed = scenario.events("overspeed");
        assertThat(overspeed).hasSize(1);
        assertThat(overspeed.get(0).alert()).isTrue();
        assertThat(overspeed.get(0).attributes()).containsEntry("limitKmh", "110.0");
        List<FleetEvent> ended = scenario.events("overspeed-ended");
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).attributes()).containsEntry("maxSpeedKmh", "130.0");
    }

    @Test
    void vehicle_limit_overrides_the_fleet_limit() throws SQLException {
        start(FleetSettings.defaults());
        try (Connection connection = scenario.database().connection()) {
            new VehicleSettingsStore()
                    .save(
                            connection,
                            new VehicleSettingsStore.VehicleSettings(
                                    "v1", FleetScenario.FLEET, 60.0, "dispatcher", Fixes.START));
        }

        scenario.drive(overspeedTrack(80, Duration.ofSeconds(60)));

        assertThat(scenario.events("overspeed")).hasSize(1);
        assertThat(scenario.events("overspeed").get(0).attributes()).containsEntry("limitKmh", "60.0");
    }

    @Test
    void area_limit_applies_inside_its_area() throws SQLException {
        areaLimits = (fleetId, latitudeDeg, longitudeDeg) -> OptionalDouble.of(30);
        start(FleetSettings.defaults()).drive(overspeedTrack(50, Duration.ofSeconds(60)));

        assertThat(scenario.events("overspeed")).hasSize(1);
        assertThat(scenario.events("overspeed").get(0).attributes()).containsEntry("limitKmh", "30.0");
    }

    @Test
    void idling_past_the_maximum_raises_one_idle_alert() throws SQLException {
        start(FleetSettings.defaults());
        TrackBuilder track = track().driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(Duration.ofMinutes(7));
        scenario.drive(track.fixes());
        assertThat(scenario.events("idle")).hasSize(1);

        scenario.drive(tail(track.driveTo(LATITUDE, LONGITUDE, 36).fixes(), 3));

        assertThat(scenario.events("idle-ended")).hasSize(1);
        assertThat(Long.parseLong(scenario.events("idle").get(0).attributes().get("durationS")))
                .isBetween(300L, 310L);
    }

    @Test
    void stopped_vehicle_with_ignition_off_is_not_idle() throws SQLException {
        start(FleetSettings.defaults())
                .drive(track().ignition(false).halt(Duration.ofMinutes(10)).fixes());

        assertThat(scenario.events("idle")).isEmpty();
    }

    @Test
    void panic_button_raises_one_critical_alert_per_press() throws SQLException {
        Instant t = Fixes.START;
        start(FleetSettings.defaults())
                .drive(List.of(
                        fix(1, t, LATITUDE, 0, null),
                        fix(2, t.plusSeconds(5), LATITUDE, 0, true),
                        fix(3, t.plusSeconds(10), LATITUDE, 0, true),
                        fix(4, t.plusSeconds(15), LATITUDE, 0, null),
                        fix(5, t.plusSeconds(20), LATITUDE, 0, false),
                        fix(6, t.plusSeconds(25), LATITUDE, 0, true)));

        List<FleetEvent> panic = scenario.events("panic");
        assertThat(panic).hasSize(2);
        assertThat(panic.get(0).severity()).isEqualTo(EventSeverity.CRITICAL);
        assertThat(panic.get(0).alert()).isTrue();
        assertThat(scenario.events("panic-cleared")).hasSize(1);
    }

    private static List<Telemetry> overspeedTrack(double speedKmh, Duration duration) {
        TrackBuilder track = track().interval(Duration.ofSeconds(2)).driveTo(ONE_KM_NORTH, LONGITUDE, 60);
        double metres = speedKmh / 3.6 * duration.toSeconds();
        return track.driveTo(ONE_KM_NORTH + metres / 111_195.0, LONGITUDE, speedKmh)
                .driveTo(ONE_KM_NORTH + (metres + 500) / 111_195.0, LONGITUDE, 60)
                .fixes();
    }

    private static List<Telemetry> tail(List<Telemetry> fixes, int count) {
        return fixes.subList(fixes.size() - count, fixes.size());
    }

    private static Telemetry fix(long seq, Instant time, double latitudeDeg, double speedKmh, Boolean panic) {
        return new Telemetry("v1", seq, time, latitudeDeg, LONGITUDE, speedKmh, 0, null, 5.0, null, false, null, panic);
    }
}
