package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.WriteResult;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tracker API whose history contains one position every {@code spacingS} seconds for every vehicle, with a speed
 * that rises and falls between 0 and 80 km/h, and one position without a speed. Thread safe.
 */
final class GeneratedTrackApi implements TrackerApi {

    private final Instant lastFixTime;
    private final int spacingS;
    private final AtomicInteger positionReads = new AtomicInteger();

    GeneratedTrackApi(Instant lastFixTime, int spacingS) {
        this.lastFixTime = lastFixTime;
        this.spacingS = spacingS;
    }

    int positionReads() {
        return positionReads.get();
    }

    @Override
    public List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions) {
        positionReads.incrementAndGet();
        List<HistoryPosition> positions = new ArrayList<>();
        for (Instant time = from; time.isBefore(to) && !time.isAfter(lastFixTime); time = time.plusSeconds(spacingS)) {
            double minutes = (time.getEpochSecond() - from.getEpochSecond()) / 60.0;
            Double speedKmh = positions.size() == 5 ? null : 40 + 40 * Math.sin(minutes / 6);
            positions.add(new HistoryPosition(time, 48.1, 11.5, speedKmh, 90.0));
            if (positions.size() == maxPositions) {
                break;
            }
        }
        return positions;
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
    public WriteResult acknowledgeAlert(String eventId, @Nullable String note) {
        throw new UnsupportedOperationException("the views queue writes in the outbox");
    }

    @Override
    public WriteResult sendCommand(String vehicleId, CommandRequest request) {
        throw new UnsupportedOperationException("the views queue writes in the outbox");
    }

    @Override
    public WriteResult createJob(Job job) {
        throw new UnsupportedOperationException("the views queue writes in the outbox");
    }
}
