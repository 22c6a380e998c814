package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    private final EventStore store = new EventStore();
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
    void stored_event_reads_back_unchanged() throws SQLException {
        FleetEvent event = alert("e1", "v1", T0);

        try (Connection connection = database.connection()) {
            store.insert(connection, "demo", event, T0.plusSeconds(1));

            StoredEvent stored = store.findById(connection, "e1").orElseThrow();
            assertThat(stored.event()).isEqualTo(event);
            assertThat(stored.fleetId()).isEqualTo("demo");
            assertThat(stored.raisedTime()).isEqualTo(T0.plusSeconds(1));
            assertThat(stored.isOpenAlert()).isTrue();
        }
    }

    @DatabaseTest
    void repeated_id_is_inserted_once() throws SQLException {
        try (Connection connection = database.connection()) {
            assertThat(store.insertIfNew(connection, "demo", alert("e1", "v1", T0), T0))
                    .isTrue();
            assertThat(store.insertIfNew(connection, "demo", alert("e1", "v1", T0), T0))
                    .isFalse();
        }
    }

    @DatabaseTest
    void events_are_inserted_in_one_batch() throws SQLException {
        List<EventStore.NewEvent> events = List.of(
                new EventStore.NewEvent("demo", alert("e1", "v1", T0)),
                new EventStore.NewEvent("north", alert("e2", "v2", T0.plusSeconds(1))));

        try (Connection connection = database.connection()) {
            store.insertAll(connection, events, T0.plusSeconds(2));

            assertThat(store.findById(connection, "e1").orElseThrow().fleetId()).isEqualTo("demo");
            assertThat(store.findById(connection, "e2").orElseThrow().event())
                    .isEqualTo(events.get(1).event());
        }
    }

    @DatabaseTest
    void batch_if_new_skips_stored_and_repeated_ids() throws SQLException {
        FleetEvent first = alert("e1", "v1", T0);
        FleetEvent changed = alert("e1", "v9", T0.plusSeconds(5));

        try (Connection connection = database.connection()) {
            store.insert(connection, "demo", first, T0);
            store.insertAllIfNew(
                    connection,
                    List.of(
                            new EventStore.NewEvent("demo", changed),
                            new EventStore.NewEvent("demo", alert("e2", "v2", T0)),
                            new EventStore.NewEvent("demo", alert("e2", "v3", T0))),
                    T0);

            assertThat(store.findById(connection, "e1").orElseThrow().event()).isEqualTo(first);
            assertThat(store.findById(connection, "e2").orElseThrow().event().vehicleId())
                    .isEqualTo("v2");
        }
    }

    @DatabaseTest
    void alert_is_acknowledged_once_with_who_and_when() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, "demo", alert("e1", "v1", T0), T0);

            assertThat(store.acknowledge(connection, "e1", "dispatcher", T0.plusSeconds(60), "called the driver"))
                    .isTrue();
            assertThat(store.acknowledge(connection, "e1", "admin", T0.plusSeconds(90), null))
                    .isFalse();

            StoredEvent stored = store.findById(connection, "e1").orElseThrow();
            assertThat(stored.acknowledgedBy()).isEqualTo("dispatcher");
            assertThat(stored.acknowledgedTime()).isEqualTo(T0.plusSeconds(60));
            assertThat(stored.acknowledgedNote()).isEqualTo("called the driver");
            assertThat(stored.isOpenAlert()).isFalse();
        }
    }

    @DatabaseTest
    void plain_event_cannot_be_acknowledged() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, "demo", new FleetEvent("e1", "online", "v1", T0, Map.of()), T0);

            assertThat(store.acknowledge(connection, "e1", "dispatcher", T0, null))
                    .isFalse();
        }
    }

    @DatabaseTest
    void query_filters_and_pages_in_time_order() throws SQLException {
        try (Connection connection = database.connection()) {
            for (int i = 0; i < 5; i++) {
                store.insert(connection, "demo", alert("e" + i, i % 2 == 0 ? "v1" : "v2", T0.plusSeconds(i)), T0);
            }
            store.insert(connection, "north", alert("n1", "v9", T0), T0);
            store.acknowledge(connection, "e0", "dispatcher", T0, null);

            List<StoredEvent> firstPage =
                    store.find(connection, new EventQuery("demo", null, null, null, null, false, false, null, 2));
            StoredEvent last = firstPage.get(1);
            List<StoredEvent> secondPage = store.find(
                    connection,
                    new EventQuery(
                            "demo",
                            null,
                            null,
                            null,
                            null,
                            false,
                            false,
                            new EventQuery.PageKey(
                                    last.event().time(), last.event().eventId()),
                            2));
            List<StoredEvent> openOfV1 =
                    store.find(connection, new EventQuery("demo", "v1", "overspeed", null, null, true, true, null, 10));

            assertThat(ids(firstPage)).containsExactly("e0", "e1");
            assertThat(ids(secondPage)).containsExactly("e2", "e3");
            assertThat(ids(openOfV1)).containsExactly("e2", "e4");
        }
    }

    private static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(stored -> stored.event().eventId()).toList();
    }

    private static FleetEvent alert(String id, String vehicleId, Instant time) {
        return new FleetEvent(
                id, "overspeed", vehicleId, time, EventSeverity.WARNING, true, Map.of("limitKmh", "110.0"));
    }
}
