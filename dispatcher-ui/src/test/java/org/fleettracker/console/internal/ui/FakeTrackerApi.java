package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.WriteResult;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tracker API whose history is a generated track, or a failure. Only {@link #positions} is implemented; it
 * applies the range and the limit as the real API does.
 */
final class FakeTrackerApi implements TrackerApi {

    private final List<HistoryPosition> track;
    private final @Nullable IOException failure;
    private final AtomicInteger positionCalls = new AtomicInteger();

    private FakeTrackerApi(List<HistoryPosition> track, @Nullable IOException failure) {
        this.track = List.copyOf(track);
        this.failure = failure;
    }

    static FakeTrackerApi returning(List<HistoryPosition> track) {
        return new FakeTrackerApi(track, null);
    }

    static FakeTrackerApi failingWith(IOException failure) {
        return new FakeTrackerApi(List.of(), failure);
    }

    /**
     * Generates {@code count} fixes {@code step} apart from {@code start}: a loop of about 2 km around central
     * Munich with the speed rising and falling between 10 and 60 km/h.
     */
    static List<HistoryPosition> loop(Instant start, int count, Duration step) {
        List<HistoryPosition> fixes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double angleRad = 2 * Math.PI * i / Math.max(1, count);
            double latitudeDeg = 48.137 + 0.009 * Math.sin(angleRad);
            double longitudeDeg = 11.575 + 0.014 * Math.sin(2 * angleRad) / 2 + 0.01 * Math.cos(angleRad);
            double speedKmh = 35 + 25 * Math.sin(6 * angleRad);
            double headingDeg = (Math.toDegrees(angleRad) + 90) % 360;
            fixes.add(new HistoryPosition(
                    start.plus(step.multipliedBy(i)), latitudeDeg, longitudeDeg, speedKmh, headingDeg));
        }
        return fixes;
    }

    int positionCalls() {
        return positionCalls.get();
    }

    @Override
    public List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions)
            throws IOException {
        positionCalls.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        List<HistoryPosition> result = new ArrayList<>();
        for (HistoryPosition fix : track) {
            if (!fix.fixTime().isBefore(from) && fix.fixTime().isBefore(to) && result.size() < maxPositions) {
                result.add(fix);
            }
        }
        return result;
    }

    @Override
    public List<FleetEvent> events(@Nullable String vehicleId, Instant from, Instant to, int limit) {
        throw new UnsupportedOperationException("the playback tests read positions only");
    }

    @Override
    public List<FleetEvent> alerts(AlertState state, int limit) {
        throw new UnsupportedOperationException("the playback tests read positions only");
    }

    @Override
    public WriteResult acknowledgeAlert(String eventId, @Nullable String note) {
        throw new UnsupportedOperationException("the playback tests read positions only");
    }

    @Override
    public WriteResult sendCommand(String vehicleId, CommandRequest request) {
        throw new UnsupportedOperationException("the playback tests read positions only");
    }

    @Override
    public WriteResult createJob(Job job) {
        throw new UnsupportedOperationException("the playback tests read positions only");
    }
}
