package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.PositionAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PositionStoreTest {

    private static final String FLEET = "demo";
    private static final Instant RECEIVED = Instant.parse("2026-03-01T09:00:00.123456789Z");

    @TempDir
    Path dataDir;

    private Database database;
    private final PositionStore store = new PositionStore();

    @BeforeEach
    void openDatabase() {
        database = Database.open(dataDir);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
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

    @Test
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
            assertThat(rows.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(writeTime);
        }
    }

    @Test
    void same_seq_of_another_vehicle_is_stored() throws SQLException {
        Telemetry v1 = Fixes.track("v1", 100, 1).get(0);
        Telemetry v2 = Fixes.track("v2", 100, 1).get(0);

        boolean[] inserted = insert(List.of(stored(v1), stored(v2)));

        assertThat(inserted).containsExactly(true, true);
    }

    @Test
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

    @Test
    void stored_position_keeps_every_field() throws SQLException {
        Telemetry fix = Fixes.fix("v1", 7, Instant.parse("2026-03-01T08:00:00.987654321Z"), -33.9, 151.2);
        Telemetry sparse = Telemetry.of("v1", 8, fix.fixTime().plusSeconds(1), 1.5, -2.5, 0.0, 359.9);

        insert(List.of(stored(fix), stored(sparse)));

        List<StoredPosition> all = findAll("v1");
        assertThat(all).containsExactly(stored(fix), stored(sparse));
    }

    @Test
    void range_includes_from_and_excludes_to() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 10);
        insert(track.stream().map(PositionStoreTest::stored).toList());

        List<StoredPosition> found =
                find("v1", track.get(2).fixTime(), track.get(5).fixTime(), 100);

        assertThat(found).extracting(StoredPosition::fix).containsExactlyElementsOf(track.subList(2, 5));
    }

    @Test
    void range_with_open_ends_and_limit_returns_earliest() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 10);
        insert(track.stream().map(PositionStoreTest::stored).toList());

        List<StoredPosition> found = find("v1", null, null, 4);

        assertThat(found).extracting(StoredPosition::fix).containsExactlyElementsOf(track.subList(0, 4));
    }

    @Test
    void range_of_other_vehicle_is_empty() throws SQLException {
        insert(Fixes.track("v1", 100, 3).stream().map(PositionStoreTest::stored).toList());

        assertThat(find("v2", null, null, 100)).isEmpty();
    }

    @Test
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

    @Test
    void positions_survive_reopening_the_database() throws SQLException {
        List<Telemetry> track = Fixes.track("v1", 100, 3);
        insert(track.stream().map(PositionStoreTest::stored).toList());

        database.close();
        database = Database.open(dataDir);

        assertThat(findAll("v1")).extracting(StoredPosition::fix).containsExactlyElementsOf(track);
    }

    @Test
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

    @Test
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

    @Test
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
