package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.JobStop;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox that keeps entries in memory and whose entries a test moves to SENT or FAILED. Use on the FX thread. */
final class FakeConsoleActions implements ConsoleActions {

    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();
    private final Map<String, List<JobStop>> jobs = new LinkedHashMap<>();
    private final Map<String, @Nullable String> commandTexts = new LinkedHashMap<>();
    private int created;

    @Override
    public OutboxEntry acknowledgeAlert(String eventId, @Nullable String note) {
        return add(eventId, OutboxEntry.Kind.ALERT_ACKNOWLEDGEMENT, "acknowledge " + eventId);
    }

    @Override
    public OutboxEntry sendCommand(
            String vehicleId, CommandType type, @Nullable String text, Map<String, String> parameters) {
        OutboxEntry entry = add("cmd-" + (++created), OutboxEntry.Kind.COMMAND, type.code() + " to " + vehicleId);
        commandTexts.put(entry.key(), text);
        return entry;
    }

    @Override
    public OutboxEntry createJob(String vehicleId, List<JobStop> stops) {
        OutboxEntry entry = add("job-" + (++created), OutboxEntry.Kind.JOB, "job for " + vehicleId);
        jobs.put(entry.key(), List.copyOf(stops));
        return entry;
    }

    @Override
    public @Nullable OutboxEntry retry(String key) {
        OutboxEntry entry = entries.get(key);
        if (entry == null || entry.status() != OutboxEntry.Status.FAILED) {
            return null;
        }
        setStatus(key, OutboxEntry.Status.PENDING, null);
        return entries.get(key);
    }

    @Override
    public List<OutboxEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    @Override
    public int pendingCount() {
        return (int) entries.values().stream()
                .filter(entry -> entry.status() == OutboxEntry.Status.PENDING)
                .count();
    }

    /** Moves the entry with {@code key} to {@code status}, as the real outbox does after the tracker responded. */
    void setStatus(String key, OutboxEntry.Status status, @Nullable String detail) {
        OutboxEntry entry = entries.get(key);
        if (entry == null) {
            throw new IllegalArgumentException("no outbox entry has key " + key);
        }
        entries.put(key, new OutboxEntry(key, entry.kind(), entry.summary(), entry.createdTime(), status, detail));
    }

    Map<String, List<JobStop>> jobs() {
        return jobs;
    }

    /** Returns the command ids in the order they were sent. */
    List<String> commandIds() {
        return new ArrayList<>(commandTexts.keySet());
    }

    private OutboxEntry add(String key, OutboxEntry.Kind kind, String summary) {
        OutboxEntry entry = new OutboxEntry(key, kind, summary, Instant.now(), OutboxEntry.Status.PENDING, null);
        entries.put(key, entry);
        return entry;
    }
}
