package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.JobStop;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records acknowledgements as pending outbox entries, whose status the test then sets. FX thread only. */
final class RecordingConsoleActions implements ConsoleActions {

    private final List<OutboxEntry> entries = new ArrayList<>();
    private final List<@Nullable String> notes = new ArrayList<>();

    @Override
    public OutboxEntry acknowledgeAlert(String eventId, @Nullable String note) {
        OutboxEntry entry = new OutboxEntry(
                eventId,
                OutboxEntry.Kind.ALERT_ACKNOWLEDGEMENT,
                "acknowledge " + eventId,
                Instant.now(),
                OutboxEntry.Status.PENDING,
                null);
        entries.add(entry);
        notes.add(note);
        return entry;
    }

    @Override
    public OutboxEntry sendCommand(
            String vehicleId, CommandType type, @Nullable String text, Map<String, String> parameters) {
        throw new UnsupportedOperationException("the alert and vehicle views send no commands");
    }

    @Override
    public OutboxEntry createJob(String vehicleId, List<JobStop> stops) {
        throw new UnsupportedOperationException("the alert and vehicle views create no jobs");
    }

    @Override
    public @Nullable OutboxEntry retry(String key) {
        for (int i = 0; i < entries.size(); i++) {
            OutboxEntry entry = entries.get(i);
            if (entry.key().equals(key) && entry.status() == OutboxEntry.Status.FAILED) {
                OutboxEntry queued = new OutboxEntry(
                        key, entry.kind(), entry.summary(), entry.createdTime(), OutboxEntry.Status.PENDING, null);
                entries.set(i, queued);
                return queued;
            }
        }
        return null;
    }

    @Override
    public List<OutboxEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public int pendingCount() {
        return (int) entries.stream()
                .filter(entry -> entry.status() == OutboxEntry.Status.PENDING)
                .count();
    }

    /** Sets the status of the acknowledgement of {@code eventId}, as the outbox would after sending it. */
    void complete(String eventId, OutboxEntry.Status status, @Nullable String detail) {
        entries.replaceAll(entry -> entry.key().equals(eventId)
                ? new OutboxEntry(entry.key(), entry.kind(), entry.summary(), entry.createdTime(), status, detail)
                : entry);
    }

    List<String> acknowledgedEventIds() {
        return entries.stream().map(OutboxEntry::key).toList();
    }

    List<@Nullable String> notes() {
        return List.copyOf(notes);
    }
}
