package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.PositionAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest rules through the whole pipeline and a real H2 database, one table row per input class. */
class IngestRulesTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant T0 = RECEIVED.minus(Duration.ofHours(1));
    private static final double METRES_PER_DEGREE = 111_195.0;

    @TempDir
    Path dataDir;

    private Database database;
    private final RecordingOutbound outbound = new RecordingOutbound();
    private final VehicleStates states = new VehicleStates();
    private final TrackerMetrics metrics = new TrackerMetrics(states::size);
    private IngestPipeline pipeline;

    /**
     * One input class.
     *
     * @param batches fixes of vehicle v1, one inner list per batch
     * @param stored expected stored seqs in fix-time order, each with its flags ("" for none)
     * @param rejects expected reject reasons in arrival order
     * @param stateSeq expected seq of the vehicle's state, or -1 for no state
     */
    record Case(
            String name,
            List<List<Telemetry>> batches,
            Map<Long, String> stored,
            List<String> rejects,
            String duplicates,
            long stateSeq) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "in order",
                        List.of(List.of(at(1, 0, 0), at(2, 10, 100), at(3, 20, 200))),
                        flags(1, "", 2, "", 3, ""),
                        List.of(),
                        "seq=0 fix=0",
                        3),
                new Case(
                        "future",
                        List.of(List.of(fix(1, RECEIVED.plus(Duration.ofMinutes(6)), 0, 5.0))),
                        flags(),
                        List.of("fix_time_in_future"),
                        "seq=0 fix=0",
                        -1),
                new Case(
                        "too old",
                        List.of(List.of(fix(1, RECEIVED.minus(Duration.ofDays(31)), 0, 5.0))),
                        flags(),
                        List.of("fix_time_too_old"),
                        "seq=0 fix=0",
                        -1),
                new Case(
                        "epoch 0",
                        List.of(List.of(fix(1, Instant.EPOCH, 0, 5.0))),
                        flags(),
                        List.of("fix_time_too_old"),
                        "seq=0 fix=0",
                        -1),
                new Case(
                        "gps week rollover",
                        List.of(List.of(fix(1, T0.minus(Duration.ofDays(7168)), 0, 5.0))),
                        flags(1, "time_corrected"),
                        List.of(),
                        "seq=0 fix=0",
                        1),
                new Case(
                        "duplicate seq in one batch",
                        List.of(List.of(at(1, 0, 0), at(1, 10, 100))),
                        flags(1, ""),
                        List.of(),
                        "seq=1 fix=0",
                        1),
                new Case(
                        "duplicate seq in a later batch",
                        List.of(List.of(at(1, 0, 0)), List.of(at(1, 0, 0))),
                        flags(1, ""),
                        List.of(),
                        "seq=1 fix=0",
                        1),
                new Case(
                        "duplicate fix in one batch",
                        List.of(List.of(at(1, 0, 0), at(2, 0, 0))),
                        flags(1, ""),
                        List.of(),
                        "seq=0 fix=1",
                        1),
                new Case(
                        "duplicate fix in a later batch",
                        List.of(List.of(at(1, 0, 0)), List.of(at(2, 0, 0))),
                        flags(1, ""),
                        List.of(),
                        "seq=0 fix=1",
                        1),
                new Case(
                        "same time, other place",
                        List.of(List.of(at(1, 0, 0), at(2, 0, 30))),
                        flags(1, "", 2, ""),
                        List.of(),
                        "seq=0 fix=0",
                        2),
                new Case(
                        "outlier, then a plausible fix",
                        List.of(List.of(at(1, 0, 0), at(2, 10, 20_000), at(3, 20, 200))),
                        flags(1, "", 2, "outlier", 3, ""),
                        List.of(),
                        "seq=0 fix=0",
                        3),
                new Case(
                        "outlier as the newest fix",
                        List.of(List.of(at(1, 0, 0), at(2, 10, 100)), List.of(at(3, 20, 50_000))),
                        flags(1, "", 2, "", 3, "outlier"),
                        List.of(),
                        "seq=0 fix=0",
                        2),
                new Case(
                        "late fix",
                        List.of(List.of(at(1, 0, 0), at(3, 20, 200)), List.of(at(2, 10, 100))),
                        flags(1, "", 2, "", 3, ""),
                        List.of(),
                        "seq=0 fix=0",
                        3),
                new Case(
                        "late outlier",
                        List.of(List.of(at(1, 0, 0), at(3, 100, 1_000)), List.of(at(2, 50, 40_000))),
                        flags(1, "", 2, "outlier", 3, ""),
                        List.of(),
                        "seq=0 fix=0",
                        3),
                new Case(
                        "late fix in one batch",
                        List.of(List.of(at(1, 0, 0), at(3, 100, 1_000), at(2, 50, 40_000))),
                        flags(1, "", 2, "outlier", 3, ""),
                        List.of(),
                        "seq=0 fix=0",
                        3),
                new Case(
                        "three plausible outliers in a row move the vehicle",
                        List.of(List.of(
                                at(1, 0, 0), at(2, 10, 100), at(3, 20, 50_000), at(4, 30, 50_100), at(5, 40, 50_200))),
                        flags(1, "", 2, "", 3, "outlier", 4, "outlier", 5, ""),
                        List.of(),
                        "seq=0 fix=0",
                        5),
                new Case(
                        "a run of outliers across batches moves the vehicle",
                        List.of(
                                List.of(at(1, 0, 0), at(2, 10, 30_000)),
                                List.of(at(3, 20, 30_100)),
                                List.of(at(4, 30, 30_200), at(5, 40, 30_300))),
                        flags(1, "", 2, "outlier", 3, "outlier", 4, "", 5, ""),
                        List.of(),
                        "seq=0 fix=0",
                        5),
                new Case(
                        "a late fix within a run of outliers does not count towards it",
                        List.of(
                                List.of(at(1, 0, 0), at(2, 10, 30_000), at(3, 20, 30_100)),
                                List.of(at(4, 15, 30_050)),
                                List.of(at(5, 30, 30_200))),
                        flags(1, "", 2, "outlier", 3, "outlier", 4, "outlier", 5, ""),
                        List.of(),
                        "seq=0 fix=0",
                        5),
                new Case(
                        "outliers that jump about never move the vehicle",
                        List.of(List.of(at(1, 0, 0), at(2, 10, 50_000), at(3, 20, -50_000), at(4, 30, 50_000))),
                        flags(1, "", 2, "outlier", 3, "outlier", 4, "outlier"),
                        List.of(),
                        "seq=0 fix=0",
                        1),
                new Case(
                        "stale repeat",
                        List.of(List.of(
                                at(1, 0, 0),
                                fix(2, T0.plusSeconds(10), 0, null),
                                fix(3, T0.plusSeconds(20), 0, 150.0),
                                fix(4, T0.plusSeconds(30), 0, 5.0))),
                        flags(1, "", 2, "low_confidence", 3, "low_confidence", 4, ""),
                        List.of(),
                        "seq=0 fix=0",
                        4));
    }

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        pipeline = new IngestPipeline(database, states, outbound, metrics, IngestSettings.defaults());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_input_class_is_stored_flagged_or_rejected(Case input) throws SQLException {
        int sent = 0;
        for (List<Telemetry> batch : input.batches()) {
            pipeline.process(messages(batch));
            sent += batch.size();
        }

        Map<Long, String> stored = new TreeMap<>();
        List<StoredPosition> positions = storedPositions();
        positions.forEach(PositionAssertions::assertAcceptedPosition);
        positions.forEach(p -> stored.put(p.fix().seq(), codes(p)));
        assertThat(stored).isEqualTo(input.stored());
        assertThat(positions)
                .isSortedAccordingTo(
                        (a, b) -> a.fix().fixTime().compareTo(b.fix().fixTime()));
        assertThat(rejectReasons()).isEqualTo(input.rejects());
        assertThat(duplicates()).isEqualTo(input.duplicates());
        VehicleState state = states.get("v1");
        assertThat(state == null ? -1 : state.seq()).isEqualTo(input.stateSeq());
        assertThat(outbound.acknowledged).hasSize(sent);
    }

    /** An event time, as seconds from RECEIVED, and the expected reject reason or "ok". */
    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({
        "-3600, ok",
        "-1796385600, fix_time_too_old",
        "600, fix_time_in_future",
        "-3456000, fix_time_too_old",
        "-619315200, fix_time_too_old",
    })
    void event_time_outside_window_is_rejected(long offsetSeconds, String expected) throws SQLException {
        Instant time = RECEIVED.plusSeconds(offsetSeconds);
        FleetEvent event = new FleetEvent("ot-1", "geofence-entered", "v1", time, Map.of("source", "owntracks"));
        InboundMessage message =
                new InboundMessage("owntracks/alice/phone/event", new byte[] {'{', '}'}, 1, 1, 1, RECEIVED);
        Decoded decoded = new Decoded.Event(message, "demo", event);

        List<Decoded> checked = new RulesStage(database, IngestSettings.defaults()).check(List.of(decoded));

        assertThat(checked).hasSize(1);
        if (expected.equals("ok")) {
            assertThat(checked.get(0)).isSameAs(decoded);
        } else {
            assertThat(checked.get(0)).isInstanceOf(Decoded.Rejected.class);
            var reject = ((Decoded.Rejected) checked.get(0)).reject();
            assertThat(reject.reason().code()).isEqualTo(expected);
            assertThat(reject.vehicleId()).isEqualTo("v1");
            assertThat(reject.detail()).startsWith("time ");
        }
    }

    @Test
    void corrected_fix_time_is_stored_and_counted() throws SQLException {
        Telemetry rolledOver = fix(1, T0.minus(Duration.ofDays(7168)), 0, 5.0);

        pipeline.process(messages(List.of(rolledOver)));

        StoredPosition stored = storedPositions().get(0);
        assertThat(stored.fix().fixTime()).isEqualTo(T0);
        assertThat(stored.flags()).containsExactly(PositionFlag.TIME_CORRECTED);
        assertThat(metrics.scrape())
                .contains("tracker_fix_time_corrections_total 1.0")
                .contains("tracker_positions_flagged_total{flag=\"time_corrected\"} 1.0");
    }

    @Test
    void outlier_check_after_restart_uses_database() throws SQLException {
        pipeline.process(messages(List.of(at(1, 0, 0), at(2, 10, 100))));
        IngestPipeline restarted =
                new IngestPipeline(database, new VehicleStates(), outbound, metrics, IngestSettings.defaults());

        restarted.process(messages(List.of(at(3, 20, 30_000), at(4, 30, 300))));

        assertThat(storedPositions()).extracting(IngestRulesTest::codes).containsExactly("", "", "outlier", "");
        assertThat(metrics.scrape()).contains("tracker_positions_flagged_total{flag=\"outlier\"} 1.0");
    }

    @Test
    void a_run_of_outliers_goes_on_after_a_restart() throws SQLException {
        pipeline.process(messages(List.of(at(1, 0, 0), at(2, 10, 30_000), at(3, 20, 30_100))));
        IngestPipeline restarted =
                new IngestPipeline(database, new VehicleStates(), outbound, metrics, IngestSettings.defaults());

        restarted.process(messages(List.of(at(4, 30, 30_200))));

        assertThat(storedPositions()).extracting(IngestRulesTest::codes).containsExactly("", "outlier", "outlier", "");
    }

    @Test
    void state_loaded_from_the_database_skips_outliers() throws SQLException {
        pipeline.process(messages(List.of(at(1, 0, 0), at(2, 10, 50_000))));

        try (Connection connection = database.connection()) {
            List<StoredPosition> latest = new PositionStore().findLatestPerVehicle(connection);
            assertThat(latest).extracting(p -> p.fix().seq()).containsExactly(1L);
        }
    }

    @Test
    void duplicates_found_after_restart() throws SQLException {
        pipeline.process(messages(List.of(at(1, 0, 0), at(2, 10, 100))));
        IngestPipeline restarted =
                new IngestPipeline(database, new VehicleStates(), outbound, metrics, IngestSettings.defaults());

        restarted.process(messages(List.of(at(2, 10, 100), at(7, 10, 100), at(8, 20, 200))));

        assertThat(storedPositions()).extracting(p -> p.fix().seq()).containsExactly(1L, 2L, 8L);
        assertThat(duplicates()).isEqualTo("seq=1 fix=1");
    }

    @Test
    void duplicates_include_stored_outliers() throws SQLException {
        pipeline.process(messages(List.of(at(1, 0, 0))));
        pipeline.process(messages(List.of(at(5, 10, 30_000))));

        pipeline.process(messages(List.of(at(5, 20, 200), at(6, 10, 30_000), at(4, 15, 150))));

        assertThat(storedPositions()).extracting(IngestRulesTest::codes).containsExactly("", "outlier", "");
        assertThat(storedPositions()).extracting(p -> p.fix().seq()).containsExactly(1L, 5L, 4L);
        assertThat(duplicates()).isEqualTo("seq=1 fix=1");
    }

    private static Map<Long, String> flags(Object... seqAndFlags) {
        Map<Long, String> map = new TreeMap<>();
        for (int i = 0; i < seqAndFlags.length; i += 2) {
            map.put(((Integer) seqAndFlags[i]).longValue(), (String) seqAndFlags[i + 1]);
        }
        return map;
    }

    /** Returns a fix {@code seconds} after T0, {@code northM} metres north of 52.5 N 13.4 E, accuracy 5 m. */
    private static Telemetry at(long seq, long seconds, double northM) {
        return fix(seq, T0.plusSeconds(seconds), northM, 5.0);
    }

    private static Telemetry fix(long seq, Instant time, double northM, @Nullable Double accuracyM) {
        return new Telemetry(
                "v1",
                seq,
                time,
                52.5 + northM / METRES_PER_DEGREE,
                13.4,
                36.0,
                0.0,
                null,
                accuracyM,
                null,
                null,
                null,
                null);
    }

    private static String codes(StoredPosition position) {
        return String.join(
                ",", position.flags().stream().sorted().map(PositionFlag::code).toList());
    }

    private static List<InboundMessage> messages(List<Telemetry> fixes) {
        List<InboundMessage> messages = new ArrayList<>();
        for (Telemetry fix : fixes) {
            messages.add(new InboundMessage(
                    Topics.telemetry("demo", "v1"), TelemetryCodec.encode(fix), messages.size() + 1, 1, 1, RECEIVED));
        }
        return messages;
    }

    private List<StoredPosition> storedPositions() throws SQLException {
        try (Connection connection = database.connection()) {
            return new PositionStore().findByFixTime(connection, "v1", null, null, 1_000);
        }
    }

    private List<String> rejectReasons() throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT reason FROM rejects ORDER BY id")) {
            while (rows.next()) {
                reasons.add(rows.getString(1));
            }
        }
        return reasons;
    }

    private String duplicates() {
        String text = metrics.scrape();
        return "seq=" + sample(text, "tracker_positions_duplicates_total{kind=\"seq\"}") + " fix="
                + sample(text, "tracker_positions_duplicates_total{kind=\"fix\"}");
    }

    private static int sample(String scrape, String name) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow();
    }

    /** Records acknowledgements and publishes instead of sending them. */
    private static final class RecordingOutbound implements MqttOutbound {
        final List<InboundMessage> acknowledged = new CopyOnWriteArrayList<>();
        final List<String> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String topic, byte[] payload, boolean retained) {
            published.add(topic);
        }

        @Override
        public void acknowledge(InboundMessage message) {
            acknowledged.add(message);
        }
    }
}
