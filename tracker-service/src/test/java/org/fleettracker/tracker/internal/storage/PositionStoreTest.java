package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.PositionAssertions;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PositionStoreTest {

    private static final String FLEET = "demo";
    private static final Instant RECEIVED = Instant.parse("2026-03-01T09:00:00.123456789Z");

    private TestDatabase db;
    private Database database;
    private final PositionStore store = new PositionStore();

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        database = db.open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @DatabaseTest
    void repeated_vehicle_and_seq_is_stored_once() throws SQLException {
        Telemetry fix = Fixes.track("v1", 100, 1).get(0);
        Telemetry sameSeqOtherData = Fixes.fix("v1", 100, fix.fixTime().plusSeconds(5), 10.0, 10.0);

        boolean[] first = insert(List.of(stored(fix), stored(fix)));
        boolean[] second = insert(List.of(stored(sameSeqOtherData)));

        assertThat(first).containsExactly(true, false);
        assertThat(second).containsExactly(false);
        List<StoredPosition> all = findAll("v1");
        assertThat(all).hasSize(1);
        assertThat(all.get(0).fix()).isEqualTo(fix);
    }

    @DatabaseTest
    void inserted_row_carries_batch_write_time() throws SQLException {
        Instant writeTime = Instant.parse("2026-03-01T09:00:00.250123456Z");
        Telemetry fix = Fixes.track("v1", 100, 1).get(0);

        try (Connection connection = database.connection()) {
            store.insertNew(connection, List.of(stored(fix)), writeTime);
        }

        try (Connection connection = database.connection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT stored_time FROM positions WHERE vehicle_id = 'v1'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(db.stored(writeTime));
        }
    }

    @DatabaseTest
    void same_seq_of_another_vehicle_is_stored() throws SQLException {
        Telemetry v1 = Fixes.track("v1", 100, 1).get(0);
        Telemetry v2 = Fixes.track("v2", 100, 1).get(0);

        boolean[] inserted = insert(List.of(stored(v1), stored(v2)));

        assertThat(inserted).containsExactly(true, true);
    }

    @DatabaseTest
    void positions_come_back_ordered_by_fix_time() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 10);
        List<StoredPosition> shuffled = new ArrayList<>();
        for (int i : new int[] {3, 9, 0, 5, 1, 8, 2, 7, 4, 6}) {
            shuffled.add(stored(track.get(i)));
        }

        insert(shuffled);

        List<StoredPosition> all = findAll("v1");
        all.forEach(PositionAssertions::assertValidPosition);
        assertThat(all).extracting(StoredPosition::fix).containsExactlyElementsOf(track);
    }

    @DatabaseTest
    void stored_position_keeps_every_field() throws SQLException {
        Telemetry fix = Fixes.fix("v1", 7, Instant.parse("2026-03-01T08:00:00.987654321Z"), -33.9, 151.2);
        Telemetry sparse = Telemetry.of("v1", 8, fix.fixTime().plusSeconds(1), 1.5, -2.5, 0.0, 359.9);

        insert(List.of(stored(fix), stored(sparse)));

        List<StoredPosition> all = findAll("v1");
        assertThat(all).containsExactly(readBack(fix), readBack(sparse));
    }

    @DatabaseTest
    void times_keep_the_database_precision() throws SQLException {
        Instant roundsDown = Instant.parse("2026-03-01T08:00:00.123456499Z");
        Instant roundsUp = Instant.parse("2026-03-01T08:00:01.123456500Z");

        insert(List.of(
                stored(Fixes.fix("v1", 1, roundsDown, 1.0, 2.0)), stored(Fixes.fix("v1", 2, roundsUp, 1.0, 2.0))));

        List<Instant> read =
                findAll("v1").stream().map(position -> position.fix().fixTime()).toList();
        if (db.dialect() == Dialect.H2) {
            assertThat(read).containsExactly(roundsDown, roundsUp);
        } else {
            assertThat(read)
                    .containsExactly(
                            Instant.parse("2026-03-01T08:00:00.123456Z"), Instant.parse("2026-03-01T08:00:01.123457Z"));
        }
    }

    @DatabaseTest
    void fix_look_up_matches_the_stored_precision() throws SQLException {
        Telemetry fix = Fixes.fix("v1", 1, Instant.parse("2026-03-01T08:00:00.123456789Z"), 1.0, 2.0);
        insert(List.of(stored(fix)));

        try (Connection connection = database.connection()) {
            assertThat(store.containsFix(connection, fix)).isTrue();
        }
    }

    @DatabaseTest
    void batch_look_ups_find_stored_seqs_and_fixes() throws SQLException {
        assumeTrue(db.dialect().prefersBatchLookups(), "the batch look-ups serve PostgreSQL only");
        Telemetry stored = Fixes.fix("v1", 1, Instant.parse("2026-03-01T08:00:00.123456789Z"), 1.0, 2.0);
        insert(List.of(stored(stored)));
        List<Telemetry> candidates = List.of(
                Fixes.fix("v1", 1, stored.fixTime().plusSeconds(1), 5.0, 6.0),
                Fixes.fix("v1", 2, stored.fixTime(), 1.0, 2.0),
                Fixes.fix("v1", 3, stored.fixTime().plusNanos(100), 1.0, 2.0),
                Fixes.fix("v2", 1, stored.fixTime(), 1.0, 2.0));

        try (Connection connection = database.connection()) {
            boolean[] seqs = store.findStoredSeqs(connection, candidates);
            boolean[] fixes = store.findStoredFixes(connection, candidates);

            assertThat(seqs).containsExactly(true, false, false, false);
            assertThat(fixes).containsExactly(false, true, true, false);
        }
    }

    @DatabaseTest
    void batch_reports_new_rows_among_stored_ones() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 6);
        insert(List.of(stored(track.get(1)), stored(track.get(3))));

        boolean[] inserted =
                insert(track.stream().map(PositionStoreTest::stored).toList());

        assertThat(inserted).containsExactly(true, false, true, false, true, true);
        assertThat(findAll("v1")).hasSize(6);
    }

    @DatabaseTest
    void range_includes_from_and_excludes_to() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 10);
        insert(track.stream().map(PositionStoreTest::stored).toList());

        List<StoredPosition> found =
                find("v1", track.get(2).fixTime(), track.get(5).fixTime(), 100);

        assertThat(found).extracting(StoredPosition::fix).containsExactlyElementsOf(track.subList(2, 5));
    }

    @DatabaseTest
    void range_with_open_ends_and_limit_returns_earliest() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 10);
        insert(track.stream().map(PositionStoreTest::stored).toList());

        List<StoredPosition> found = find("v1", null, null, 4);

        assertThat(found).extracting(StoredPosition::fix).containsExactlyElementsOf(track.subList(0, 4));
    }

    @DatabaseTest
    void range_of_other_vehicle_is_empty() throws SQLException {
        insert(Fixes.track("v1", 100, 3).stream().map(PositionStoreTest::stored).toList());

        assertThat(find("v2", null, null, 100)).isEmpty();
    }

    @DatabaseTest
    void latest_per_vehicle_follows_fix_time() throws SQLException {
        List<Telemetry> v1 = Fixes.track("v1", 100, 5);
        List<Telemetry> v2 = Fixes.track("v2", 500, 3);
        insert(List.of(stored(v1.get(4)), stored(v1.get(0)), stored(v1.get(2)), stored(v2.get(2)), stored(v2.get(1))));

        List<StoredPosition> latest;
        try (Connection connection = database.connection()) {
            latest = store.findLatestPerVehicle(connection);
        }

        assertThat(latest).extracting(StoredPosition::fix).containsExactlyInAnyOrder(v1.get(4), v2.get(2));
    }

    @DatabaseTest
    void positions_survive_reopening_the_database() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 3);
        insert(track.stream().map(PositionStoreTest::stored).toList());

        database.close();
        database = db.open();

        assertThat(findAll("v1")).extracting(StoredPosition::fix).containsExactlyElementsOf(track);
    }

    @DatabaseTest
    void flags_are_stored_and_read_back() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 3);
        insert(List.of(
                stored(track.get(0)),
                stored(track.get(1)).withFlag(PositionFlag.OUTLIER),
                stored(track.get(2)).withFlag(PositionFlag.TIME_CORRECTED).withFlag(PositionFlag.LOW_CONFIDENCE)));

        assertThat(findAll("v1"))
                .extracting(StoredPosition::flags)
                .containsExactly(
                        Set.of(),
                        Set.of(PositionFlag.OUTLIER),
                        Set.of(PositionFlag.TIME_CORRECTED, PositionFlag.LOW_CONFIDENCE));
    }

    @DatabaseTest
    void latest_and_accepted_skip_outliers() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 4);
        insert(List.of(
                stored(track.get(0)),
                stored(track.get(1)),
                stored(track.get(2)).withFlag(PositionFlag.OUTLIER),
                stored(track.get(3)).withFlag(PositionFlag.OUTLIER)));

        try (Connection connection = database.connection()) {
            assertThat(store.findLatestPerVehicle(connection))
                    .extracting(StoredPosition::fix)
                    .containsExactly(track.get(1));
            assertThat(store.findAcceptedAtOrBefore(
                            connection, "v1", track.get(3).fixTime()))
                    .map(StoredPosition::fix)
                    .contains(track.get(1));
            assertThat(store.findAcceptedAtOrBefore(
                            connection, "v1", track.get(0).fixTime()))
                    .map(StoredPosition::fix)
                    .contains(track.get(0));
            assertThat(store.findAcceptedAtOrBefore(
                            connection, "v1", track.get(0).fixTime().minusMillis(1)))
                    .isEmpty();
        }
    }

    @DatabaseTest
    void duplicate_look_ups_by_seq_and_fix() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 3);
        insert(track.stream().map(PositionStoreTest::stored).toList());
        Telemetry fix = track.get(1);
        double lat = fix.latitudeDeg();
        double lon = fix.longitudeDeg();

        try (Connection connection = database.connection()) {
            assertThat(store.containsSeq(connection, "v1", 101)).isTrue();
            assertThat(store.containsSeq(connection, "v1", 103)).isFalse();
            assertThat(store.containsSeq(connection, "v2", 101)).isFalse();
            assertThat(store.containsFix(connection, Fixes.fix("v1", 999, fix.fixTime(), lat, lon)))
                    .isTrue();
            assertThat(store.containsFix(connection, Fixes.fix("v1", 999, fix.fixTime(), lat + 1e-7, lon)))
                    .isFalse();
            assertThat(store.containsFix(
                            connection, Fixes.fix("v1", 999, fix.fixTime().plusMillis(1), lat, lon)))
                    .isFalse();
            assertThat(store.containsFix(connection, Fixes.fix("v2", 999, fix.fixTime(), lat, lon)))
                    .isFalse();
        }
    }

    private static StoredPosition stored(Telemetry fix) {
        return new StoredPosition(FLEET, fix, RECEIVED);
    }

    /** Returns the position as the database gives it back, with its times at the database's precision. */
    private StoredPosition readBack(Telemetry fix) {
        Telemetry stored = new Telemetry(
                fix.vehicleId(),
                fix.seq(),
                db.stored(fix.fixTime()),
                fix.latitudeDeg(),
                fix.longitudeDeg(),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                fix.accuracyM(),
                fix.odometerM(),
                fix.ignition(),
                fix.batteryPct(),
                fix.panic());
        return new StoredPosition(FLEET, stored, db.stored(RECEIVED));
    }

    private boolean[] insert(List<StoredPosition> positions) throws SQLException {
        try (Connection connection = database.connection()) {
            return store.insertNew(connection, positions);
        }
    }

    private List<StoredPosition> findAll(String vehicleId) throws SQLException {
        return find(vehicleId, null, null, 10_000);
    }

    private List<StoredPosition> find(String vehicleId, Instant from, Instant to, int limit) throws SQLException {
        try (Connection connection = database.connection()) {
            return store.findByFixTime(connection, vehicleId, from, to, limit);
        }
    }
}
