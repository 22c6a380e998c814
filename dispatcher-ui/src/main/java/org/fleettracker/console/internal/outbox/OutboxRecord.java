package org.fleettracker.console.internal.outbox;

import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbox entry as it is stored on disk: the action with everything needed to send it again after a restart.
 *
 * @param sequence the creation order, unique within one outbox folder
 * @param eventId the alert of an {@code ALERT_ACKNOWLEDGEMENT}, else null
 * @param note the dispatcher's note of an acknowledgement, or null
 * @param vehicleId the vehicle of a {@code COMMAND}, else null
 * @param command the request of a {@code COMMAND}, else null
 * @param job the job of a {@code JOB}, else null
 */
record OutboxRecord(
        long sequence,
        String key,
        OutboxEntry.Kind kind,
        String summary,
        Instant createdTime,
        @Nullable String eventId,
        @Nullable String note,
        @Nullable String vehicleId,
        @Nullable CommandRequest command,
        @Nullable Job job) {

    OutboxRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(createdTime, "createdTime");
        boolean complete =
                switch (kind) {
                    case ALERT_ACKNOWLEDGEMENT -> key.equals(eventId);
                    case COMMAND -> vehicleId != null && command != null && key.equals(command.commandId());
                    case JOB -> job != null && key.equals(job.jobId());
                };
        if (!complete) {
            throw new IllegalArgumentException(
                    "outbox entry " + sequence + " of kind " + kind + " lacks the fields of its kind for key " + key);
        }
    }

    static OutboxRecord acknowledgement(long sequence, Instant now, String eventId, @Nullable String note) {
        return new OutboxRecord(
                sequence,
                eventId,
                OutboxEntry.Kind.ALERT_ACKNOWLEDGEMENT,
                "acknowledge alert " + eventId,
                now,
                eventId,
                note,
                null,
                null,
                null);
    }

    static OutboxRecord command(long sequence, Instant now, String vehicleId, CommandRequest command) {
        return new OutboxRecord(
                sequence,
                command.commandId(),
                OutboxEntry.Kind.COMMAND,
                command.type().code() + " to " + vehicleId,
                now,
                null,
                null,
                vehicleId,
                command,
                null);
    }

    static OutboxRecord job(long sequence, Instant now, Job job) {
        return new OutboxRecord(
                sequence,
                job.jobId(),
                OutboxEntry.Kind.JOB,
                "job of " + job.stops().size() + " stops for " + job.vehicleId(),
                now,
                null,
                null,
                job.vehicleId(),
                null,
                job);
    }

    /** Returns this record under another sequence, to queue it again behind the newer ones. */
    OutboxRecord withSequence(long newSequence) {
        return new OutboxRecord(newSequence, key, kind, summary, createdTime, eventId, note, vehicleId, command, job);
    }

    OutboxEntry entry(OutboxEntry.Status status, @Nullable String detail) {
        return new OutboxEntry(key, kind, summary, createdTime, status, detail);
    }
}
