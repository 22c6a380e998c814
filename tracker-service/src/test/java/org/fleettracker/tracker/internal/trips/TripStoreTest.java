package org.fleettracker.tracker.internal.trips;

import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TripStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final TripStore store = new TripStore();
    private Database database;

    @BeforeEach
    void open(TestDatabase db) {
        database = db.open();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @DatabaseTest
    void upsert_replaces_an_ongoing_trip() throws SQLException {
        Trip ongoing = trip("t1", T0, T0.plusSeconds(60), true);
        Trip finished = trip("t1", T0, T0.plusSeconds(600), false);

        try (Connection connection = database.connection()) {
            store.upsert(connection, ongoing);
            store.upsert(connection, finished);

            assertThat(store.findTrip(connection, "t1")).contains(finished);
        }
    }

    @DatabaseTest
    void upsert_ends_an_ongoing_stop() throws SQLException {
        Stop ongoing = new Stop("s1", "demo", "v1", T0, null, T0.plusSeconds(30), 46.05, 14.5);
        Stop ended = new Stop("s1", "demo", "v1", T0, T0.plusSeconds(300), T0.plusSeconds(300), 46.05, 14.5);

        try (Connection connection = database.connection()) {
            store.upsert(connection, ongoing);
            store.upsert(connection, ended);

            assertThat(store.findStartingAtOrAfter(connection, "v1", T0).stops())
                    .containsExactly(ended);
        }
    }

    @DatabaseTest
    void segment_starts_merge_trips_and_stops_newest_first() throws SQLException {
        try (Connection connection = database.connection()) {
            store.upsert(connection, new Stop("s1", "demo", "v1", T0, T0.plusSeconds(60), T0.plusSeconds(60), 1, 2));
            store.upsert(connection, trip("t1", T0.plusSeconds(60), T0.plusSeconds(600), false));
            store.upsert(
                    connection, new Stop("s2", "demo", "v1", T0.plusSeconds(600), null, T0.plusSeconds(700), 1, 2));
            store.upsert(connection, trip("t9", T0.plusSeconds(900), T0.plusSeconds(960), true));

            List<Instant> starts = store.findSegmentStartsAtOrBefore(connection, "v1", T0.plusSeconds(600), 2);

            assertThat(starts).containsExactly(T0.plusSeconds(600), T0.plusSeconds(60));
            assertThat(store.findLatestStart(connection, "v1")).contains(T0.plusSeconds(900));
        }
    }

    private static Trip trip(String id, Instant start, Instant end, boolean open) {
        return new Trip(id, "demo", "v1", start, 46.05, 14.5, end, 46.06, 14.52, 1_500, 52.5, 12, open);
    }
}
