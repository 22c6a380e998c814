package org.fleettracker.tracker.internal.dispatch;

import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.ingest.CommandAckHandler;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.storage.CommandStatus;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.JobStore;
import org.fleettracker.tracker.internal.storage.StoredCommand;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.fleettracker.tracker.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The command flow with a publisher that the test lets fail or succeed, and a test clock. */
@Timeout(30)
class CommandServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private final MutableClock clock = new MutableClock(T0);
    private final FakePublisher publisher = new FakePublisher();
    private final RecordingOutbound outbound = new RecordingOutbound();
    private CommandService service;

    @BeforeEach
    void start() {
        database = Database.open(dataDir);
        service = new CommandService(database, publisher, outbound, new JobRule(), clock);
    }

    @AfterEach
    void stop() {
        service.close();
        database.close();
    }

    private static CommandRequest message(String commandId, @Nullable Instant expiresTime) {
        return new CommandRequest(commandId, CommandType.MESSAGE, "Hello", Map.of(), expiresTime, null);
    }

    private String status(String commandId) throws SQLException {
        return service.find(commandId).orElseThrow().status().code();
    }

    @Test
    void sweep_publishes_after_broker_outage() throws Exception {
        publisher.acknowledge = false;
        service.send("demo", "v1", message("c-1", null), "ann");
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.attempts.size() == 1);
        assertThat(status("c-1")).isEqualTo("stored");

        publisher.acknowledge = true;
        service.sweep();

        await().atMost(Duration.ofSeconds(5)).until(() -> status("c-1").equals("published"));
        assertThat(publisher.attempts).hasSize(2);
    }

    @Test
    void stored_command_is_published_after_restart() throws Exception {
        publisher.acknowledge = false;
        service.send("demo", "v1", message("c-1", null), "ann");
        service.close();
        publisher.acknowledge = true;

        service = new CommandService(database, publisher, outbound, new JobRule(), clock);
        service.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> status("c-1").equals("published"));
    }

    @Test
    void published_command_is_not_published_again() throws Exception {
        service.send("demo", "v1", message("c-1", null), "ann");
        await().atMost(Duration.ofSeconds(5)).until(() -> status("c-1").equals("published"));

        service.sweep();

        assertThat(publisher.attempts).hasSize(1);
    }

    @Test
    void command_gets_message_expiry_from_expires_time() throws Exception {
        service.send("demo", "v1", message("c-1", T0.plusSeconds(90)), "ann");

        assertThat(publisher.expirySeconds).containsExactly(90L);
    }

    @Test
    void far_expiry_gets_max_message_expiry() throws Exception {
        service.send("demo", "v1", message("c-1", Instant.parse("9999-12-31T23:59:59Z")), "ann");

        assertThat(publisher.expirySeconds).containsExactly(4_294_967_295L);
    }

    @Test
    void command_past_expiry_is_expired_by_sweep() throws Exception {
        publisher.acknowledge = false;
        service.send("demo", "v1", message("c-1", T0.plusSeconds(60)), "ann");

        clock.advance(Duration.ofSeconds(61));
        service.sweep();

        assertThat(status("c-1")).isEqualTo("expired");
        assertThat(outbound.eventStatuses()).containsExactly("created", "stored", "expired");
    }

    @Test
    void repeated_request_returns_stored_command() throws Exception {
        CommandService.Created<StoredCommand> first = service.send("demo", "v1", message("c-1", null), "ann");
        CommandService.Created<StoredCommand> second = service.send("demo", "v1", message("c-1", null), "ann");

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.value().command()).isEqualTo(first.value().command());
    }

    @Test
    void concurrent_same_command_id_returns_stored() throws Exception {
        RacingClock racingClock = new RacingClock();
        service.close();
        service = new CommandService(database, publisher, outbound, new JobRule(), racingClock);
        racingClock.race = () -> service.send("demo", "v1", message("c-1", null), "ann");

        CommandService.Created<StoredCommand> result = service.send("demo", "v1", message("c-1", null), "ann");

        assertThat(result.created()).isFalse();
    }

    @Test
    void concurrent_same_job_id_returns_stored() throws Exception {
        RacingClock racingClock = new RacingClock();
        service.close();
        service = new CommandService(database, publisher, outbound, new JobRule(), racingClock);
        JobService jobs = new JobService(database, service, new JobRule(), racingClock);
        Job job = new Job("j-1", "v1", List.of(new JobStop("s", JobStopKind.PICKUP, "", 1, 2, 50, null, null)));
        racingClock.race = () -> jobs.assign("demo", job, null, "ann");

        CommandService.Created<StoredJob> result = jobs.assign("demo", job, null, "ann");

        assertThat(result.created()).isFalse();
    }

    @Test
    void accepted_assign_job_accepts_the_job() throws Exception {
        JobService jobs = new JobService(database, service, new JobRule(), clock);
        Job job = new Job("j-1", "v1", List.of(new JobStop("s", JobStopKind.PICKUP, "", 1, 2, 50, null, null)));
        String commandId = jobs.assign("demo", job, null, "ann").value().commandId();
        CommandAck ack = new CommandAck(commandId, "v1", CommandAckStatus.ACCEPTED, T0, null);

        try (Connection connection = database.connection()) {
            service.apply(connection, "demo", "v1", ack, T0);
        }

        assertThat(jobs.find("j-1").orElseThrow().status()).isEqualTo(JobStatus.ACCEPTED);
        assertThat(service.find(commandId).orElseThrow().status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
    }

    @Test
    void expiry_of_unanswered_assign_job_rejects_job() throws Exception {
        publisher.acknowledge = false;
        JobService jobs = new JobService(database, service, new JobRule(), clock);
        jobs.assign("demo", oneStopJob(), T0.plusSeconds(60), "ann");

        clock.advance(Duration.ofSeconds(61));
        service.sweep();

        assertThat(jobs.find("j-1").orElseThrow().status()).isEqualTo(JobStatus.REJECTED);
    }

    @Test
    void expiry_keeps_job_in_progress() throws Exception {
        publisher.acknowledge = false;
        JobService jobs = new JobService(database, service, new JobRule(), clock);
        jobs.assign("demo", oneStopJob(), T0.plusSeconds(60), "ann");
        try (Connection connection = database.connection()) {
            new JobStore().updateStatus(connection, "j-1", JobStatus.IN_PROGRESS, T0.plusSeconds(30));
        }

        clock.advance(Duration.ofSeconds(61));
        service.sweep();

        assertThat(jobs.find("j-1").orElseThrow().status()).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void second_active_job_for_vehicle_is_a_conflict() throws Exception {
        JobService jobs = new JobService(database, service, new JobRule(), clock);
        jobs.assign("demo", oneStopJob(), null, "ann");
        Job other = new Job("j-2", "v1", List.of(new JobStop("s", JobStopKind.PICKUP, "", 1, 2, 50, null, null)));

        assertThatThrownBy(() -> jobs.assign("demo", other, null, "ann"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("active job 'j-1'");
    }

    private static Job oneStopJob() {
        return new Job("j-1", "v1", List.of(new JobStop("s", JobStopKind.PICKUP, "", 1, 2, 50, null, null)));
    }

    @Test
    void rejected_ack_after_completed_keeps_job() throws Exception {
        JobService jobs = new JobService(database, service, new JobRule(), clock);
        Job job = new Job("j-1", "v1", List.of(new JobStop("s", JobStopKind.PICKUP, "", 1, 2, 50, null, null)));
        String commandId = jobs.assign("demo", job, null, "ann").value().commandId();

        try (Connection connection = database.connection()) {
            for (CommandAckStatus ackStatus :
                    List.of(CommandAckStatus.ACCEPTED, CommandAckStatus.COMPLETED, CommandAckStatus.REJECTED)) {
                service.apply(connection, "demo", "v1", new CommandAck(commandId, "v1", ackStatus, T0, null), T0);
            }
        }

        assertThat(jobs.find("j-1").orElseThrow().status()).isEqualTo(JobStatus.ACCEPTED);
        assertThat(service.find(commandId).orElseThrow().status()).isEqualTo(CommandStatus.COMPLETED);
    }

    @Test
    void ack_from_other_vehicle_is_rejected() throws Exception {
        service.send("demo", "v1", message("c-1", null), "ann");
        CommandAck ack = new CommandAck("c-1", "v2", CommandAckStatus.ACCEPTED, T0, null);

        CommandAckHandler.AckOutcome outcome;
        try (Connection connection = database.connection()) {
            outcome = service.apply(connection, "demo", "v2", ack, T0);
        }

        assertThat(outcome.rejectReason()).isEqualTo(RejectReason.VEHICLE_ID_MISMATCH);
        assertThat(status("c-1")).isNotEqualTo("acknowledged");
    }

    @Test
    void ack_naming_other_vehicle_than_topic_is_rejected() throws Exception {
        service.send("demo", "v1", message("c-1", null), "ann");
        CommandAck ack = new CommandAck("c-1", "v2", CommandAckStatus.ACCEPTED, T0, null);

        CommandAckHandler.AckOutcome outcome;
        try (Connection connection = database.connection()) {
            outcome = service.apply(connection, "demo", "v1", ack, T0);
        }

        assertThat(outcome.rejectReason()).isEqualTo(RejectReason.VEHICLE_ID_MISMATCH);
    }

    @Test
    void rejected_ack_stores_vehicle_reason() throws Exception {
        service.send("demo", "v1", message("c-1", null), "ann");
        CommandAck ack = new CommandAck("c-1", "v1", CommandAckStatus.REJECTED, T0, "driver is on a break");

        try (Connection connection = database.connection()) {
            service.apply(connection, "demo", "v1", ack, T0);
        }

        StoredCommand stored = service.find("c-1").orElseThrow();
        assertThat(stored.status()).isEqualTo(CommandStatus.REJECTED);
        assertThat(stored.reason()).isEqualTo("driver is on a break");
    }

    /** A request that the racing clock runs in between. */
    private interface Race {
        void run() throws Exception;
    }

    /**
     * A clock at {@link #T0} that runs {@link #race} once, on the first read of the time. The services read the time
     * after they looked for a stored id and before they insert, so the race stores the same id in between.
     */
    private static final class RacingClock extends Clock {
        @Nullable
        Race race;

        @Override
        public Instant instant() {
            Race pending = race;
            race = null;
            if (pending != null) {
                try {
                    pending.run();
                } catch (Exception e) {
                    throw new IllegalStateException("The racing request failed", e);
                }
            }
            return T0;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the racing clock has one zone");
        }
    }

    /** Records each publish and completes it with {@link #acknowledge} at once, as a broker's PUBACK would. */
    private static final class FakePublisher implements CommandPublisher {
        volatile boolean acknowledge = true;
        final List<String> attempts = new CopyOnWriteArrayList<>();
        final List<Long> expirySeconds = new CopyOnWriteArrayList<>();

        @Override
        public void publishCommand(
                String topic, byte[] payload, @Nullable Long messageExpirySeconds, PublishCallback done) {
            attempts.add(topic);
            if (messageExpirySeconds != null) {
                expirySeconds.add(messageExpirySeconds);
            }
            done.completed(acknowledge);
        }
    }

    /** Records the events the service publishes. */
    private static final class RecordingOutbound implements MqttOutbound {
        final List<byte[]> payloads = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String topic, byte[] payload, boolean retained) {
            payloads.add(payload);
        }

        @Override
        public void acknowledge(InboundMessage message) {}

        List<String> eventStatuses() {
            return payloads.stream()
                    .map(payload ->
                            Json.decode(payload, FleetEvent.class).attributes().get("status"))
                    .toList();
        }
    }
}
