package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.JobStore;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.FleetScenario;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays a delivery route past three job stops through the pipeline with a test clock. */
class JobScenarioTest {

    private static final Instant START = Fixes.START;

    @TempDir
    Path dataDir;

    /** Three stops 0.01 degrees (about 1.1 km) apart, due north of the start at 52.50 N 13.40 E. */
    private static Job deliveryJob() {
        return new Job(
                "job-1",
                "v1",
                List.of(
                        new JobStop("s1", JobStopKind.PICKUP, "Depot", 52.51, 13.40, 50, null, START.plusSeconds(3600)),
                        new JobStop("s2", JobStopKind.DROP_OFF, "Shop", 52.52, 13.40, 50, null, null),
                        new JobStop(
                                "s3", JobStopKind.DROP_OFF, "Office", 52.53, 13.40, 50, null, START.plusSeconds(480))));
    }

    /** Drives to each stop, halts 2 minutes there, and leaves the last one northwards. */
    private static List<Telemetry> route() {
        return new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.51, 13.40, 36)
                .halt(Duration.ofMinutes(2))
                .driveTo(52.52, 13.40, 36)
                .halt(Duration.ofMinutes(2))
                .driveTo(52.53, 13.40, 36)
                .halt(Duration.ofMinutes(2))
                .driveTo(52.54, 13.40, 36)
                .fixes();
    }

    private FleetScenario scenario() throws SQLException {
        FleetScenario scenario = new FleetScenario(dataDir, FleetSettings.defaults(), START, FleetRules::standard);
        try (Connection connection = scenario.database().connection()) {
            new JobStore()
                    .insert(connection, StoredJob.assigned(deliveryJob(), FleetScenario.FLEET, "c-1", "ann", START));
        }
        return scenario;
    }

    private static String describe(FleetEvent event) {
        return event.type() + " " + event.attributes().getOrDefault("stopId", "");
    }

    @Test
    void route_raises_arrivals_and_departures_in_order() throws SQLException {
        try (FleetScenario scenario = scenario()) {
            scenario.drive(route());

            List<String> stopEvents = scenario.events().stream()
                    .filter(event ->
                            event.type().startsWith("job-stop-") || event.type().equals("job-completed"))
                    .map(JobScenarioTest::describe)
                    .toList();
            assertThat(stopEvents)
                    .containsExactly(
                            "job-stop-arrived s1",
                            "job-stop-departed s1",
                            "job-stop-arrived s2",
                            "job-stop-departed s2",
                            "job-stop-arrived s3",
                            "job-stop-departed s3",
                            "job-completed ");
        }
    }

    @Test
    void arrival_after_window_end_is_not_on_time() throws SQLException {
        try (FleetScenario scenario = scenario()) {
            scenario.drive(route());

            assertThat(scenario.events("job-stop-arrived"))
                    .extracting(event -> event.attributes().get("onTime"))
                    .containsExactly("true", "true", "false");
        }
    }

    @Test
    void completed_job_is_stored_as_completed() throws SQLException {
        try (FleetScenario scenario = scenario()) {
            scenario.drive(route());

            try (Connection connection = scenario.database().connection()) {
                StoredJob stored = new JobStore().find(connection, "job-1").orElseThrow();
                assertThat(stored.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(stored.stopsDone()).isEqualTo(3);
                assertThat(stored.stops())
                        .allSatisfy(stop -> assertThat(stop.departedTime()).isNotNull());
            }
        }
    }

    @Test
    void eta_to_next_stop_shrinks_while_approaching() throws SQLException {
        List<Telemetry> firstLeg = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.509, 13.40, 36)
                .fixes();
        try (FleetScenario scenario = scenario()) {
            scenario.drive(firstLeg);

            List<VehicleState> states = scenario.publishedStates("v1").stream()
                    .filter(state -> state.job() != null)
                    .toList();
            assertThat(states).hasSizeGreaterThan(10);
            double previousDistanceM = Double.MAX_VALUE;
            Duration previousTimeLeft = Duration.ofDays(1);
            for (VehicleState state : states) {
                JobProgress.StopEta next = state.job().next();
                assertThat(next.stopId()).isEqualTo("s1");
                assertThat(next.distanceM()).isLessThan(previousDistanceM);
                Duration timeLeft = Duration.between(state.updatedTime(), next.etaTime());
                assertThat(timeLeft).isLessThan(previousTimeLeft);
                previousDistanceM = next.distanceM();
                previousTimeLeft = timeLeft;
            }
        }
    }

    @Test
    void later_stop_eta_adds_distance_between_stops() throws SQLException {
        List<Telemetry> firstFix = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.5001, 13.40, 36)
                .fixes();
        try (FleetScenario scenario = scenario()) {
            scenario.drive(firstFix);

            List<JobProgress.StopEta> remaining =
                    scenario.states().get("v1").job().remaining();
            assertThat(remaining).extracting(JobProgress.StopEta::stopId).containsExactly("s1", "s2", "s3");
            double legM = TrackBuilder.distanceM(52.51, 13.40, 52.52, 13.40);
            assertThat(remaining.get(1).distanceM() - remaining.get(0).distanceM())
                    .isCloseTo(legM, within(0.01));
            assertThat(remaining.get(2).distanceM() - remaining.get(1).distanceM())
                    .isCloseTo(legM, within(1.0));
        }
    }

    @Test
    void stop_past_window_raises_one_at_risk_alert() throws SQLException {
        try (FleetScenario scenario = scenario()) {
            scenario.drive(route());

            List<FleetEvent> atRisk = scenario.events("job-at-risk");
            assertThat(atRisk).hasSize(1);
            assertThat(atRisk.get(0).attributes()).containsEntry("stopId", "s3");
            assertThat(atRisk.get(0).alert()).isTrue();
            Instant arrivedAtS3 = scenario.events("job-stop-arrived").get(2).time();
            assertThat(atRisk.get(0).time()).isBefore(arrivedAtS3);
        }
    }

    @Test
    void stopped_vehicle_at_risk_after_window() throws SQLException {
        List<Telemetry> firstLeg = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.505, 13.40, 36)
                .fixes();
        try (FleetScenario scenario = scenario()) {
            scenario.drive(firstLeg);
            assertThat(scenario.events("job-at-risk")).isEmpty();

            scenario.advanceTo(START.plusSeconds(481));

            assertThat(scenario.events("job-at-risk")).singleElement().satisfies(event -> assertThat(event.attributes())
                    .containsEntry("stopId", "s3"));
            assertThat(scenario.states().get("v1").job().remaining().get(2).atRisk())
                    .isTrue();
        }
    }

    @Test
    void silent_vehicle_raises_one_offline_alert() throws SQLException {
        List<Telemetry> firstLeg = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.505, 13.40, 36)
                .fixes();
        try (FleetScenario scenario = scenario()) {
            scenario.drive(firstLeg);

            scenario.advance(FleetSettings.defaults().offlineTimeout().plusMinutes(5));

            assertThat(scenario.events("job-vehicle-offline")).singleElement().satisfies(event -> {
                assertThat(event.attributes()).containsEntry("jobId", "job-1");
                assertThat(event.alert()).isTrue();
            });
        }
    }

    @Test
    void offline_presence_raises_offline_alert() throws SQLException {
        List<Telemetry> firstLeg = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.505, 13.40, 36)
                .fixes();
        try (FleetScenario scenario = scenario()) {
            scenario.drive(firstLeg);

            scenario.presence("v1", false);
            scenario.advance(Duration.ofSeconds(10));

            assertThat(scenario.events("job-vehicle-offline")).hasSize(1);
        }
    }

    @Test
    void late_fix_does_not_move_progress_back() throws SQLException {
        List<Telemetry> pastFirstStop = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.51, 13.40, 36)
                .halt(Duration.ofMinutes(1))
                .driveTo(52.515, 13.40, 36)
                .fixes();
        Telemetry lateAtStart = Fixes.fix("v1", 9_999, START.plusSeconds(2), 52.50, 13.40);
        try (FleetScenario scenario = scenario()) {
            scenario.drive(pastFirstStop);
            int eventsBefore = scenario.events().size();

            scenario.sendBatch(List.of(lateAtStart));

            assertThat(scenario.events()).hasSize(eventsBefore);
            assertThat(scenario.states().get("v1").job().stopsDone()).isEqualTo(1);
        }
    }

    @Test
    void progress_survives_restart() throws SQLException {
        List<Telemetry> toFirstStop = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.51, 13.40, 36)
                .fixes();
        List<Telemetry> onwards = new TrackBuilder(
                        "v1", toFirstStop.get(toFirstStop.size() - 1).fixTime(), 52.51, 13.40)
                .driveTo(52.515, 13.40, 36)
                .fixes();
        try (FleetScenario scenario = scenario()) {
            scenario.drive(toFirstStop);

            scenario.restart();
            scenario.drive(onwards.stream()
                    .map(fix ->
                            Fixes.fix("v1", fix.seq() + 10_000, fix.fixTime(), fix.latitudeDeg(), fix.longitudeDeg()))
                    .toList());

            assertThat(scenario.events("job-stop-arrived")).hasSize(1);
            assertThat(scenario.events("job-stop-departed")).hasSize(1);
        }
    }

    /** A fix near the first stop (52.51 N 13.40 E, radius 50 m), {@code southM} metres south of it. */
    private static Telemetry fixSouthOfFirstStop(long seq, double southM, double accuracyM) {
        double latitudeDeg = 52.51 - southM / 111_195.0;
        return new Telemetry(
                "v1", seq, START.plusSeconds(seq), latitudeDeg, 13.40, 5, 0, null, accuracyM, null, true, null, null);
    }

    @Test
    void accurate_enough_fix_near_radius_arrives() throws SQLException {
        try (FleetScenario scenario = scenario()) {
            scenario.drive(List.of(fixSouthOfFirstStop(10, 80, 40)));

            assertThat(scenario.events("job-stop-arrived")).hasSize(1);
        }
    }

    @Test
    void vague_fix_far_away_does_not_arrive() throws SQLException {
        try (FleetScenario scenario = scenario()) {
            scenario.drive(List.of(fixSouthOfFirstStop(10, 200, 500)));

            assertThat(scenario.states().get("v1").job())
                    .as("the fix reached the job rule")
                    .isNotNull();
            assertThat(scenario.events("job-stop-arrived")).isEmpty();
        }
    }

    @Test
    void cancelled_job_leaves_the_state() throws SQLException {
        List<Telemetry> firstLeg = new TrackBuilder("v1", START, 52.50, 13.40)
                .driveTo(52.505, 13.40, 36)
                .fixes();
        JobRule rule = new JobRule();
        try (FleetScenario scenario = new FleetScenario(
                dataDir,
                FleetSettings.defaults(),
                START,
                (settings, states) -> FleetRules.standard(settings, states, rule))) {
            try (Connection connection = scenario.database().connection()) {
                new JobStore()
                        .insert(
                                connection,
                                StoredJob.assigned(deliveryJob(), FleetScenario.FLEET, "c-1", "ann", START));
            }
            scenario.drive(firstLeg);
            assertThat(scenario.states().get("v1").job()).isNotNull();

            try (Connection connection = scenario.database().connection()) {
                new JobStore().updateStatus(connection, "job-1", JobStatus.CANCELLED, START);
            }
            rule.jobsChanged();
            scenario.advance(Duration.ofSeconds(10));

            assertThat(scenario.states().get("v1").job()).isNull();
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.data.Offset.offset(value);
    }
}
