package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private Database database;
    private final JobStore store = new JobStore();

    private static Job job(String jobId, String vehicleId) {
        return new Job(
                jobId,
                vehicleId,
                List.of(
                        new JobStop("a", JobStopKind.PICKUP, "Depot", 52.5, 13.4, 50, T0, T0.plusSeconds(600)),
                        new JobStop("b", JobStopKind.DROP_OFF, "", 52.6, 13.5, 25, null, null)));
    }

    @BeforeEach
    void openDatabase(TestDatabase db) {
        database = db.open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @DatabaseTest
    void inserted_job_reads_back_equal() throws SQLException {
        StoredJob stored = StoredJob.assigned(job("j-1", "v1"), "demo", "c-1", "ann", T0);
        try (Connection connection = database.connection()) {
            store.insert(connection, stored);

            assertThat(store.find(connection, "j-1")).contains(stored);
        }
    }

    @DatabaseTest
    void stop_progress_is_stored() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, StoredJob.assigned(job("j-1", "v1"), "demo", "c-1", "ann", T0));

            var progress = new StoredJob.StopProgress(T0.plusSeconds(10), T0.plusSeconds(20), true);
            store.updateStop(connection, "j-1", 0, progress, 1, T0.plusSeconds(20));

            StoredJob found = store.find(connection, "j-1").orElseThrow();
            assertThat(found.stops().get(0)).isEqualTo(progress);
            assertThat(found.stopsDone()).isEqualTo(1);
        }
    }

    @DatabaseTest
    void ended_job_keeps_its_status() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, StoredJob.assigned(job("j-1", "v1"), "demo", "c-1", "ann", T0));
            store.updateStatus(connection, "j-1", JobStatus.CANCELLED, T0);

            boolean changed = store.updateStatus(connection, "j-1", JobStatus.IN_PROGRESS, T0);

            assertThat(changed).isFalse();
            assertThat(store.find(connection, "j-1").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @DatabaseTest
    void newest_active_job_of_vehicle_is_found() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, StoredJob.assigned(job("j-old", "v1"), "demo", "c-1", "ann", T0));
            store.insert(connection, StoredJob.assigned(job("j-new", "v1"), "demo", "c-2", "ann", T0.plusSeconds(1)));
            store.insert(connection, StoredJob.assigned(job("j-done", "v1"), "demo", "c-3", "ann", T0.plusSeconds(2)));
            store.updateStatus(connection, "j-done", JobStatus.COMPLETED, T0);

            assertThat(store.findActive(connection, "v1").orElseThrow().job().jobId())
                    .isEqualTo("j-new");
            assertThat(store.findActive(connection)).hasSize(2);
        }
    }

    @DatabaseTest
    void jobs_are_filtered_by_status() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, StoredJob.assigned(job("j-1", "v1"), "demo", "c-1", "ann", T0));
            store.insert(connection, StoredJob.assigned(job("j-2", "v2"), "north", "c-2", "ann", T0));
            store.updateStatus(connection, "j-2", JobStatus.ACCEPTED, T0);

            var accepted = store.find(connection, new JobQuery(null, null, JobStatus.ACCEPTED, null, null, null, 10));
            var demo = store.find(connection, new JobQuery("demo", null, null, null, null, null, 10));

            assertThat(accepted).extracting(found -> found.job().jobId()).containsExactly("j-2");
            assertThat(demo).extracting(found -> found.job().jobId()).containsExactly("j-1");
        }
    }
}
