package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.geo.Geo;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** In-memory progress of one job that {@link JobRule} tracks; used by the ingest thread only. */
final class ActiveJob {

    /** A fix's speed, kept for the recent-speed average of the ETA. */
    private record SpeedSample(Instant fixTime, double speedKmh) {}

    final StoredJob stored;
    final List<StoredJob.StopProgress> stops;
    JobStatus status;
    int stopsDone;

    @Nullable
    Instant lastFixTime;

    @Nullable
    Telemetry lastFix;

    boolean offlineAlerted;

    @Nullable
    JobProgress published;

    private final Deque<SpeedSample> speeds = new ArrayDeque<>();

    ActiveJob(StoredJob stored) {
        this.stored = stored;
        this.stops = new ArrayList<>(stored.stops());
        this.status = stored.status();
        this.stopsDone = stored.stopsDone();
        this.lastFixTime = stored.lastFixTime();
        this.offlineAlerted = stored.offlineAlerted();
    }

    /** Takes over the last fix, speed samples and published progress of the same job's previous tracking. */
    void keepTrackingOf(ActiveJob previous) {
        lastFix = previous.lastFix;
        published = previous.published;
        speeds.addAll(previous.speeds);
    }

    String jobId() {
        return stored.job().jobId();
    }

    String vehicleId() {
        return stored.job().vehicleId();
    }

    List<JobStop> jobStops() {
        return stored.job().stops();
    }

    boolean finished() {
        return stopsDone >= jobStops().size();
    }

    /** Adds a fix's speed and drops the samples older than {@code window} before it. */
    void addSpeed(Telemetry fix, Duration window) {
        speeds.addLast(new SpeedSample(fix.fixTime(), fix.speedKmh()));
        Instant oldest = fix.fixTime().minus(window);
        while (!speeds.isEmpty() && speeds.peekFirst().fixTime().isBefore(oldest)) {
            speeds.removeFirst();
        }
    }

    /**
     * Returns the average speed of the samples within {@code window} before {@code now}, at least {@code minKmh};
     * {@code minKmh} when no fix arrived within the window, so a silent vehicle's ETA slips as time passes.
     */
    double recentSpeedKmh(Instant now, Duration window, double minKmh) {
        Instant oldest = now.minus(window);
        double sum = 0;
        int count = 0;
        for (SpeedSample sample : speeds) {
            if (!sample.fixTime().isBefore(oldest)) {
                sum += sample.speedKmh();
                count++;
            }
        }
        return count == 0 ? minKmh : Math.max(minKmh, sum / count);
    }

    /**
     * Returns the progress with an estimate per remaining stop. The remaining distance to a stop is the straight
     * line from {@code position} to the next stop plus the straight lines between the following stops up to it; the
     * ETA is {@code now} plus that distance at {@code speedKmh}. A stop the vehicle is at has distance 0 and its
     * arrival time as ETA.
     */
    JobProgress progress(@Nullable Telemetry position, Instant now, double speedKmh) {
        List<JobProgress.StopEta> remaining = new ArrayList<>();
        double speedMps = speedKmh / 3.6;
        double cumulativeM = 0;
        for (int i = stopsDone; i < jobStops().size(); i++) {
            JobStop stop = jobStops().get(i);
            Instant arrived = stops.get(i).arrivedTime();
            if (i == stopsDone) {
                cumulativeM = arrived != null || position == null ? 0 : distanceM(position, stop);
            } else {
                JobStop previous = jobStops().get(i - 1);
                cumulativeM += Geo.distanceM(
                        previous.latitudeDeg(), previous.longitudeDeg(), stop.latitudeDeg(), stop.longitudeDeg());
            }
            Instant eta = arrived != null
                    ? arrived
                    : position == null ? null : now.plusMillis(Math.round(cumulativeM / speedMps * 1000));
            Instant windowEnd = stop.windowEnd();
            boolean atRisk = arrived == null
                    && windowEnd != null
                    && (eta == null ? now.isAfter(windowEnd) : eta.isAfter(windowEnd));
            remaining.add(new JobProgress.StopEta(stop.stopId(), cumulativeM, eta, atRisk));
        }
        return new JobProgress(jobId(), stopsDone, jobStops().size(), remaining);
    }

    /**
     * Returns whether {@code progress} differs from the one last published by a stop, an at-risk flag, or an ETA
     * that moved by at least {@code step}.
     */
    boolean movedSincePublished(JobProgress progress, Duration step) {
        JobProgress last = published;
        if (last == null
                || last.stopsDone() != progress.stopsDone()
                || last.remaining().size() != progress.remaining().size()) {
            return true;
        }
        for (int i = 0; i < progress.remaining().size(); i++) {
            JobProgress.StopEta before = last.remaining().get(i);
            JobProgress.StopEta now = progress.remaining().get(i);
            if (before.atRisk() != now.atRisk() || (before.etaTime() == null) != (now.etaTime() == null)) {
                return true;
            }
            if (before.etaTime() != null
                    && now.etaTime() != null
                    && Duration.between(before.etaTime(), now.etaTime()).abs().compareTo(step) >= 0) {
                return true;
            }
        }
        return false;
    }

    static double distanceM(Telemetry fix, JobStop stop) {
        return Geo.distanceM(fix.latitudeDeg(), fix.longitudeDeg(), stop.latitudeDeg(), stop.longitudeDeg());
    }
}
