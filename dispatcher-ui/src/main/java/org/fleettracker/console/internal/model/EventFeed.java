package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fleet's events as the console knows them: those received on the events topic, and those filled in from the
 * history API after a reconnect.
 *
 * <p>Used on the FX thread only. Each event is kept once, by event id.
 */
public interface EventFeed {

    /** Returns the latest events, newest first, at most {@code limit}; null {@code vehicleId} means every vehicle. */
    List<FleetEvent> latest(@Nullable String vehicleId, int limit);

    /** Returns the alerts, newest first, with whether each is acknowledged. */
    List<AlertItem> alerts();

    /** Returns the latest status of a command from its {@code command-updated} events, such as {@code delivered}. */
    Optional<String> commandStatus(String commandId);

    /** Returns a number that grows with every change, so views can tell when to refresh. */
    long version();

    /**
     * An alert and its acknowledgement.
     *
     * @param acknowledgedBy who acknowledged it, or null while it is open
     * @param acknowledgedTime when, or null while it is open
     */
    record AlertItem(FleetEvent alert, @Nullable String acknowledgedBy, @Nullable Instant acknowledgedTime) {

        public boolean isAcknowledged() {
            return acknowledgedTime != null;
        }
    }
}
