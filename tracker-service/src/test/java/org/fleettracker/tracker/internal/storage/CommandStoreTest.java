package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private Database database;
    private final CommandStore store = new CommandStore();

    @BeforeEach
    void openDatabase(TestDatabase db) throws SQLException {
        database = db.open();
        try (Connection connection = database.connection()) {
            Command command =
                    new Command("c-1", CommandType.MESSAGE, T0, T0.plusSeconds(60), "ann", "Hello", Map.of("a", "b"));
            store.insert(connection, "demo", "v1", command, null, "hash-1", T0);
        }
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @DatabaseTest
    void inserted_command_is_stored_with_two_steps() throws SQLException {
        try (Connection connection = database.connection()) {
            StoredCommand stored = store.find(connection, "c-1").orElseThrow();

            assertThat(stored.status()).isEqualTo(CommandStatus.STORED);
            assertThat(stored.command().text()).isEqualTo("Hello");
            assertThat(stored.requestHash()).isEqualTo("hash-1");
            assertThat(stored.steps())
                    .extracting(StoredCommand.Step::status)
                    .containsExactly(CommandStatus.CREATED, CommandStatus.STORED);
        }
    }

    @DatabaseTest
    void repeated_step_is_stored_once() throws SQLException {
        try (Connection connection = database.connection()) {
            boolean first = store.advance(connection, "c-1", CommandStatus.DELIVERED, T0.plusSeconds(1), null);
            boolean second = store.advance(connection, "c-1", CommandStatus.DELIVERED, T0.plusSeconds(2), null);

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(store.find(connection, "c-1").orElseThrow().steps()).hasSize(3);
        }
    }

    @DatabaseTest
    void late_step_does_not_move_status_back() throws SQLException {
        try (Connection connection = database.connection()) {
            store.advance(connection, "c-1", CommandStatus.ACKNOWLEDGED, T0.plusSeconds(1), null);

            store.advance(connection, "c-1", CommandStatus.PUBLISHED, T0.plusSeconds(2), null);

            StoredCommand stored = store.find(connection, "c-1").orElseThrow();
            assertThat(stored.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
            assertThat(stored.steps()).extracting(StoredCommand.Step::status).contains(CommandStatus.PUBLISHED);
        }
    }

    @DatabaseTest
    void ended_command_keeps_its_status() throws SQLException {
        try (Connection connection = database.connection()) {
            store.advance(connection, "c-1", CommandStatus.REJECTED, T0.plusSeconds(1), "busy");

            store.advance(connection, "c-1", CommandStatus.COMPLETED, T0.plusSeconds(2), null);

            StoredCommand stored = store.find(connection, "c-1").orElseThrow();
            assertThat(stored.status()).isEqualTo(CommandStatus.REJECTED);
            assertThat(stored.reason()).isEqualTo("busy");
        }
    }

    @DatabaseTest
    void unpublished_and_expired_commands_are_found() throws SQLException {
        try (Connection connection = database.connection()) {
            assertThat(store.findUnpublished(connection, 10)).hasSize(1);
            assertThat(store.findExpired(connection, T0.plusSeconds(59))).isEmpty();
            assertThat(store.findExpired(connection, T0.plusSeconds(60))).hasSize(1);

            store.advance(connection, "c-1", CommandStatus.PUBLISHED, T0.plusSeconds(1), null);

            assertThat(store.findUnpublished(connection, 10)).isEmpty();
        }
    }

    @DatabaseTest
    void vehicle_commands_are_paged_by_issued_time() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(
                    connection,
                    "demo",
                    "v1",
                    Command.of("c-2", CommandType.MESSAGE, T0.plusSeconds(5), "ann"),
                    null,
                    "h",
                    T0);
            store.insert(connection, "demo", "v2", Command.of("c-3", CommandType.MESSAGE, T0, "ann"), null, "h", T0);

            var firstPage = store.findByVehicle(connection, "v1", null, null, null, 1);
            var secondPage = store.findByVehicle(connection, "v1", null, null, new EventQuery.PageKey(T0, "c-1"), 10);

            assertThat(firstPage)
                    .extracting(found -> found.command().commandId())
                    .containsExactly("c-1");
            assertThat(secondPage)
                    .extracting(found -> found.command().commandId())
                    .containsExactly("c-2");
        }
    }
}
