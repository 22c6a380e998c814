package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event, with its acknowledgement when it is an alert that a dispatcher acknowledged.
 *
 * @param raisedTime when the tracker raised it; {@code event.time()} is when the fact happened
 * @param acknowledgedBy user name of the dispatcher who acknowledged the alert, or null while it is open
 * @param acknowledgedTime when the alert was acknowledged, or null while it is open
 * @param acknowledgedNote the dispatcher's note, or null
 */
public record StoredEvent(
        String fleetId,
        FleetEvent event,
        Instant raisedTime,
        @Nullable String acknowledgedBy,
        @Nullable Instant acknowledgedTime,
        @Nullable String acknowledgedNote) {

    public StoredEvent {
        Ids.requireValid("fleet id", fleetId);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(raisedTime, "raisedTime");
    }

    /** Whether this is an alert that no dispatcher has acknowledged yet. */
    public boolean isOpenAlert() {
        return event.alert() && acknowledgedTime == null;
    }
}
