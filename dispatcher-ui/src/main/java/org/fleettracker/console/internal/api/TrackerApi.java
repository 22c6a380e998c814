package org.fleettracker.console.internal.api;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The routes of the tracker's HTTP API that the console uses.
 *
 * <p>Implementations are thread safe. Every call blocks on the network, so never call one on the FX thread. An
 * {@link IOException} means the tracker could not be reached or answered with a server error, so the call may be
 * tried again later; a client error (4xx) or a 503 of a write is a {@link WriteResult}, not an exception, so the
 * caller can read its {@code Retry-After}.
 */
public interface TrackerApi {

    /**
     * Returns a vehicle's positions with {@code from <= fixTime < to} in fix-time order, following every page up to
     * {@code maxPositions}.
     */
    List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions) throws IOException;

    /**
     * Returns the latest events with {@code from <= time < to}, newest first, at most {@code limit}.
     *
     * @param vehicleId the vehicle whose events to return, or null for every vehicle of the console's fleets
     */
    List<FleetEvent> events(@Nullable String vehicleId, Instant from, Instant to, int limit) throws IOException;

    /** Returns the alerts of the console's fleets in {@code state}, newest first, at most {@code limit}. */
    List<FleetEvent> alerts(AlertState state, int limit) throws IOException;

    /** Acknowledges an alert; a second acknowledgement of the same alert returns 409. */
    WriteResult acknowledgeAlert(String eventId, @Nullable String note) throws IOException;

    /** Creates a command; the same {@code commandId} with the same body is applied once and returns 200. */
    WriteResult sendCommand(String vehicleId, CommandRequest request) throws IOException;

    /** Creates a job; the same {@code jobId} with the same body is applied once and returns 200. */
    WriteResult createJob(Job job) throws IOException;

    /** Filter of {@link #alerts} by acknowledgement. */
    enum AlertState {
        OPEN,
        ACKNOWLEDGED,
        ALL
    }
}
