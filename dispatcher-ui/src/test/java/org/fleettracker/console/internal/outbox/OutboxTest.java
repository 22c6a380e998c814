package org.fleettracker.console.internal.outbox;

import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.WriteResult;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final FakeApi api = new FakeApi();
    private final AtomicBoolean online = new AtomicBoolean();
    private final List<Outbox> opened = new ArrayList<>();

    @AfterEach
    void closeOutboxes() {
        opened.forEach(Outbox::close);
    }

    @Test
    void action_is_on_disk_before_the_call_returns() throws Exception {
        Outbox outbox = open();

        OutboxEntry entry = outbox.sendCommand("van-1", CommandType.MESSAGE, "hello", Map.of());

        assertThat(entry.status()).isEqualTo(OutboxEntry.Status.PENDING);
        assertThat(entry.key()).startsWith("cmd-");
        assertThat(entryFiles()).hasSize(1);
        assertThat(Files.readString(entryFiles().get(0))).contains(entry.key()).contains("hello");
    }

    @Test
    void pending_entries_survive_a_restart_in_order() throws Exception {
        Outbox first = open();
        OutboxEntry ack = first.acknowledgeAlert("alert-1", "seen");
        OutboxEntry command = first.sendCommand("van-1", CommandType.MESSAGE, "hello", Map.of());
        OutboxEntry job = first.createJob("van-1", List.of(stop()));
        first.close();

        Outbox second = open();

        assertThat(second.entries()).extracting(OutboxEntry::key).containsExactly(ack.key(), command.key(), job.key());
        assertThat(second.entries()).allMatch(entry -> entry.status() == OutboxEntry.Status.PENDING);
        assertThat(second.pendingCount()).isEqualTo(3);
    }

    @Test
    void entries_are_sent_in_creation_order_when_online() throws Exception {
        Outbox outbox = open();
        OutboxEntry ack = outbox.acknowledgeAlert("alert-1", null);
        OutboxEntry command = outbox.sendCommand("van-1", CommandType.REQUEST_POSITION, null, Map.of());
        OutboxEntry job = outbox.createJob("van-1", List.of(stop()));

        goOnline(outbox);

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(api.calls).containsExactly(ack.key(), command.key(), job.key());
        assertThat(outbox.entries()).allMatch(entry -> entry.status() == OutboxEntry.Status.SENT);
        assertThat(entryFiles()).isEmpty();
    }

    @Test
    void nothing_is_sent_while_offline() throws Exception {
        Outbox outbox = open();

        outbox.acknowledgeAlert("alert-1", null);
        outbox.wake();

        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(api.calls).isEmpty();
    }

    @Test
    void network_failure_keeps_the_entry_pending_and_retries() throws Exception {
        Outbox outbox = open();
        api.failures.add(new IOException("cannot reach the tracker API"));
        OutboxEntry command = outbox.sendCommand("van-1", CommandType.MESSAGE, "hello", Map.of());

        goOnline(outbox);

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(api.calls).containsExactly(command.key(), command.key());
        assertThat(outbox.entries().get(0).status()).isEqualTo(OutboxEntry.Status.SENT);
    }

    @Test
    void client_error_fails_the_entry_for_good() throws Exception {
        Outbox outbox = open();
        api.results.add(new WriteResult(400, "{\"message\":\"text is missing\"}"));
        OutboxEntry command = outbox.sendCommand("van-1", CommandType.MESSAGE, null, Map.of());
        OutboxEntry next = outbox.sendCommand("van-1", CommandType.MESSAGE, "second", Map.of());

        goOnline(outbox);

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        OutboxEntry failed = outbox.entries().get(0);
        assertThat(failed.key()).isEqualTo(command.key());
        assertThat(failed.status()).isEqualTo(OutboxEntry.Status.FAILED);
        assertThat(failed.detail()).isEqualTo("HTTP 400: text is missing");
        assertThat(outbox.entries().get(1).key()).isEqualTo(next.key());
        assertThat(outbox.entries().get(1).status()).isEqualTo(OutboxEntry.Status.SENT);
        assertThat(entryFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 503})
    void transient_error_keeps_the_entry_pending(int status) throws Exception {
        Outbox outbox = open();
        api.results.add(new WriteResult(status, "{\"message\":\"try again in 1 s\"}", Duration.ofSeconds(1)));
        OutboxEntry command = outbox.sendCommand("van-1", CommandType.MESSAGE, "hello", Map.of());

        goOnline(outbox);

        await().atMost(WAIT).until(() -> api.calls.size() == 1);
        OutboxEntry waiting = outbox.entries().get(0);
        assertThat(waiting.status()).isEqualTo(OutboxEntry.Status.PENDING);
        assertThat(waiting.detail()).isEqualTo("HTTP " + status + ": try again in 1 s");
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(api.calls).containsExactly(command.key(), command.key());
        assertThat(Duration.between(api.callTimes.get(0), api.callTimes.get(1))).isGreaterThan(Duration.ofMillis(900));
        assertThat(outbox.entries().get(0).status()).isEqualTo(OutboxEntry.Status.SENT);
    }

    @Test
    void failed_entry_is_sent_again_on_retry() throws Exception {
        Outbox outbox = open();
        api.results.add(new WriteResult(401, "{\"message\":\"invalid credentials\"}"));
        OutboxEntry command = outbox.sendCommand("van-1", CommandType.MESSAGE, "hello", Map.of());
        OutboxEntry later = outbox.sendCommand("van-2", CommandType.MESSAGE, "later", Map.of());
        goOnline(outbox);
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);

        OutboxEntry queued = outbox.retry(command.key());

        assertThat(queued).isNotNull();
        assertThat(queued.status()).isEqualTo(OutboxEntry.Status.PENDING);
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(api.calls).containsExactly(command.key(), later.key(), command.key());
        assertThat(outbox.entries()).extracting(OutboxEntry::key).containsExactly(later.key(), command.key());
        assertThat(outbox.entries().get(1).status()).isEqualTo(OutboxEntry.Status.SENT);
        assertThat(outbox.retry(later.key())).isNull();
        assertThat(outbox.retry("unknown")).isNull();
    }

    @Test
    void retried_entry_survives_a_restart() throws Exception {
        Outbox first = open();
        api.results.add(new WriteResult(400, "{\"message\":\"text is missing\"}"));
        OutboxEntry command = first.sendCommand("van-1", CommandType.MESSAGE, "hello", Map.of());
        goOnline(first);
        await().atMost(WAIT).until(() -> first.pendingCount() == 0);
        online.set(false);

        first.retry(command.key());
        first.close();

        assertThat(open().entries()).extracting(OutboxEntry::key).containsExactly(command.key());
    }

    @Test
    void conflict_of_an_acknowledged_alert_counts_as_sent() throws Exception {
        Outbox outbox = open();
        api.results.add(new WriteResult(
                409, "{\"message\":\"alert alert-1 was already acknowledged by admin at 2026-03-01T09:00:00Z\"}"));
        outbox.acknowledgeAlert("alert-1", null);

        goOnline(outbox);

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        OutboxEntry entry = outbox.entries().get(0);
        assertThat(entry.status()).isEqualTo(OutboxEntry.Status.SENT);
        assertThat(entry.detail()).contains("already acknowledged");
    }

    @Test
    void conflict_of_an_event_that_is_no_alert_fails() throws Exception {
        Outbox outbox = open();
        api.results.add(new WriteResult(409, "{\"message\":\"event e-1 is not an alert\"}"));
        outbox.acknowledgeAlert("e-1", null);

        goOnline(outbox);

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(outbox.entries().get(0).status()).isEqualTo(OutboxEntry.Status.FAILED);
    }

    @Test
    void second_acknowledgement_of_a_queued_alert_is_the_same_entry() throws Exception {
        Outbox outbox = open();

        OutboxEntry first = outbox.acknowledgeAlert("alert-1", null);
        OutboxEntry second = outbox.acknowledgeAlert("alert-1", null);

        assertThat(second).isEqualTo(first);
        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(entryFiles()).hasSize(1);
    }

    @Test
    void corrupt_file_is_moved_aside() throws Exception {
        Outbox first = open();
        OutboxEntry kept = first.acknowledgeAlert("alert-1", null);
        first.close();
        Files.writeString(folder.resolve(OutboxStore.fileName(7)), "{not json", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(OutboxStore.fileName(8)), "{\"sequence\":8,\"key\":\"x\"}");

        Outbox second = open();

        assertThat(second.entries()).extracting(OutboxEntry::key).containsExactly(kept.key());
        try (Stream<Path> corrupt = Files.list(folder.resolve(OutboxStore.CORRUPT_FOLDER))) {
            assertThat(corrupt.count()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "42", "\"entry\""})
    void non_object_json_is_moved_aside(String content) throws Exception {
        Files.writeString(folder.resolve(OutboxStore.fileName(5)), content, StandardCharsets.UTF_8);

        Outbox outbox = open();

        assertThat(outbox.pendingCount()).isZero();
        assertThat(entryFiles()).isEmpty();
        try (Stream<Path> corrupt = Files.list(folder.resolve(OutboxStore.CORRUPT_FOLDER))) {
            assertThat(corrupt.count()).isEqualTo(1);
        }
    }

    @Test
    void entry_named_folder_is_skipped() throws Exception {
        Files.createDirectories(folder.resolve(OutboxStore.fileName(5)));
        Files.writeString(folder.resolve(OutboxStore.fileName(6)), "{not json", StandardCharsets.UTF_8);

        Outbox outbox = open();
        OutboxEntry added = outbox.acknowledgeAlert("alert-1", null);

        assertThat(outbox.entries()).extracting(OutboxEntry::key).containsExactly(added.key());
        assertThat(Files.isDirectory(folder.resolve(OutboxStore.fileName(5)))).isTrue();
    }

    @Test
    void sequence_near_overflow_is_moved_aside() throws Exception {
        Outbox first = open();
        first.acknowledgeAlert("alert-1", null);
        first.close();
        Path stored = entryFiles().get(0);
        String huge = Files.readString(stored).replace("\"sequence\":0", "\"sequence\":" + Long.MAX_VALUE);
        assertThat(huge).contains(String.valueOf(Long.MAX_VALUE));
        Files.delete(stored);
        Files.writeString(folder.resolve(OutboxStore.fileName(Long.MAX_VALUE)), huge);

        Outbox second = open();
        OutboxEntry added = second.acknowledgeAlert("alert-2", null);

        assertThat(second.entries()).extracting(OutboxEntry::key).containsExactly(added.key());
        assertThat(entryFiles())
                .extracting(file -> file.getFileName().toString())
                .containsExactly(OutboxStore.fileName(0));
    }

    @Test
    void unfinished_temp_file_is_deleted() throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(OutboxStore.fileName(3) + ".tmp"), "{\"seq");

        Outbox outbox = open();

        assertThat(outbox.pendingCount()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void new_entries_after_a_restart_sort_after_the_old_ones() throws Exception {
        Outbox first = open();
        OutboxEntry old = first.acknowledgeAlert("alert-1", null);
        first.close();

        Outbox second = open();
        OutboxEntry newer = second.acknowledgeAlert("alert-2", null);
        second.close();

        assertThat(open().entries()).extracting(OutboxEntry::key).containsExactly(old.key(), newer.key());
    }

    private Outbox open() {
        Outbox outbox =
                new Outbox(folder, api, online::get, Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(100));
        opened.add(outbox);
        return outbox;
    }

    private void goOnline(Outbox outbox) {
        online.set(true);
        outbox.wake();
    }

    private List<Path> entryFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static JobStop stop() {
        return new JobStop("s-1", JobStopKind.DROP_OFF, "Customer", 48.1, 11.5, 50, null, null);
    }

    /** Records the key of each call, then throws the queued failures, returns the queued results, and then 201. */
    private static final class FakeApi implements TrackerApi {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Instant> callTimes = new CopyOnWriteArrayList<>();
        final List<IOException> failures = new CopyOnWriteArrayList<>();
        final List<WriteResult> results = new CopyOnWriteArrayList<>();

        @Override
        public List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions) {
            return List.of();
        }

        @Override
        public List<FleetEvent> events(@Nullable String vehicleId, Instant from, Instant to, int limit) {
            return List.of();
        }

        @Override
        public List<FleetEvent> alerts(AlertState state, int limit) {
            return List.of();
        }

        @Override
        public WriteResult acknowledgeAlert(String eventId, @Nullable String note) throws IOException {
            return answer(eventId);
        }

        @Override
        public WriteResult sendCommand(String vehicleId, CommandRequest request) throws IOException {
            return answer(request.commandId());
        }

        @Override
        public WriteResult createJob(Job job) throws IOException {
            return answer(job.jobId());
        }

        private WriteResult answer(String key) throws IOException {
            calls.add(key);
            callTimes.add(Instant.now());
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return results.isEmpty() ? new WriteResult(201, "{}") : results.remove(0);
        }
    }
}
