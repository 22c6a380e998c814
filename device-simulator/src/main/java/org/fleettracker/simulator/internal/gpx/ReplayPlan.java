package org.fleettracker.simulator.internal.gpx;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.simulator.internal.FixFeed;
import org.fleettracker.simulator.internal.PlannedFix;
import org.fleettracker.simulator.internal.motion.Geo;
import org.fleettracker.simulator.internal.motion.MotionFix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixes of a GPX replay with the wall-clock offset at which each is sent and the fix time it carries.
 *
 * <p>Offsets keep the track's spacing in time, divided by the speedup. Fix times are never compressed: they are
 * the GPX times shifted so the last point is at the run's start, or the GPX times themselves with
 * {@code originalTimes}. Shifted that way, fix time i is {@code start - trackDuration + offset i}. That is at or
 * before its send time {@code start + offset i / speedup} for any speedup, so no replayed fix time lies in the
 * future of the simulator's clock. A point with the same time as the previous one is moved 1 ms after it, so fix
 * times strictly increase. Speed and heading come from the GPX when it has them, otherwise from the previous point
 * (the first point looks at the second).
 */
public final class ReplayPlan {

    private static final Logger log = LoggerFactory.getLogger(ReplayPlan.class);

    /** Smallest movement that defines a heading; shorter moves keep the previous heading, in metres. */
    private static final double MIN_HEADING_DISTANCE_M = 0.5;

    private final List<GpxPoint> points;
    private final long[] offsetsNanos;
    private final Instant firstFixTime;
    private final double speedup;

    private ReplayPlan(List<GpxPoint> points, long[] offsetsNanos, Instant firstFixTime, double speedup) {
        this.points = points;
        this.offsetsNanos = offsetsNanos;
        this.firstFixTime = firstFixTime;
        this.speedup = speedup;
    }

    /** Returns the number of fixes. */
    public int size() {
        return points.size();
    }

    /**
     * Returns a feed that builds the planned fixes in order as they are taken, so the plan keeps only the track's
     * points and one offset each. Each feed starts at the first fix and is not thread-safe.
     */
    public FixFeed feed() {
        int[] next = {0};
        double[] headingDeg = {0};
        return () -> {
            if (next[0] >= points.size()) {
                return null;
            }
            headingDeg[0] = heading(points, next[0], headingDeg[0]);
            return fix(next[0]++, headingDeg[0]);
        };
    }

    /** Returns every fix at once, in order. */
    public List<PlannedFix> fixes() {
        FixFeed feed = feed();
        List<PlannedFix> fixes = new ArrayList<>(points.size());
        for (PlannedFix fix = feed.next(); fix != null; fix = feed.next()) {
            fixes.add(fix);
        }
        return fixes;
    }

    private PlannedFix fix(int i, double headingDeg) {
        GpxPoint point = points.get(i);
        double speedKmh = Math.min(speedKmh(points, offsetsNanos, i), Telemetry.MAX_SPEED_KMH);
        Instant fixTime = firstFixTime.plusNanos(offsetsNanos[i]);
        Duration sendOffset = Duration.ofNanos(Math.round(offsetsNanos[i] / speedup));
        MotionFix fix = new MotionFix(
                point.latitudeDeg(),
                point.longitudeDeg(),
                speedKmh,
                headingDeg,
                point.altitudeM(),
                point.accuracyM(),
                null);
        return new PlannedFix(sendOffset, fixTime, fix);
    }

    /**
     * Plans the replay of {@code track} and logs its warnings: no times, repeated times, speeds above the maximum.
     *
     * @param interval spacing of points without a time
     * @param speedup divisor of the waits between points, at least 1e-3
     * @throws GpxFormatException when some points have a time and others not, or times go backwards
     */
    public static ReplayPlan of(
            GpxTrack track, Instant start, Duration interval, double speedup, boolean originalTimes) {
        requireTimesFor(track, originalTimes);
        long[] offsetsNanos = offsetsNanos(track, interval, true);
        Instant firstTime = track.points().get(0).time();
        Instant firstFixTime = originalTimes && firstTime != null
                ? firstTime
                : start.minusNanos(offsetsNanos[offsetsNanos.length - 1]);
        List<GpxPoint> points = track.points();
        int cappedSpeeds = 0;
        for (int i = 0; i < points.size(); i++) {
            if (speedKmh(points, offsetsNanos, i) > Telemetry.MAX_SPEED_KMH) {
                cappedSpeeds++;
            }
        }
        if (cappedSpeeds > 0) {
            log.warn(
                    "{} points of {} file {} imply a speed above {} km/h; their speed was capped to it",
                    cappedSpeeds,
                    track.format(),
                    track.file(),
                    Telemetry.MAX_SPEED_KMH);
        }
        return new ReplayPlan(points, offsetsNanos, firstFixTime, speedup);
    }

    /**
     * Checks that {@code track} has times when the replay sends them as they are.
     *
     * @throws IllegalArgumentException when {@code originalTimes} is set and the track has no times
     */
    public static void requireTimesFor(GpxTrack track, boolean originalTimes) {
        if (originalTimes && track.points().get(0).time() == null) {
            throw new IllegalArgumentException("--original-times needs a replay file whose points have a time, but "
                    + track.format() + " file " + track.file() + " has none");
        }
    }

    /**
     * Returns how long the replay of {@code track} lasts at a speedup of 1: the time from its first to its last
     * point. Logs nothing, because the plan built for the run logs the track's warnings.
     *
     * @throws GpxFormatException when some points have a time and others not, or times go backwards
     */
    public static Duration length(GpxTrack track, Duration interval) {
        long[] offsetsNanos = offsetsNanos(track, interval, false);
        return Duration.ofNanos(offsetsNanos[offsetsNanos.length - 1]);
    }

    /** Returns each point's time after the first point, in nanoseconds, strictly increasing after the first. */
    private static long[] offsetsNanos(GpxTrack track, Duration interval, boolean logWarnings) {
        List<GpxPoint> points = track.points();
        Instant first = points.get(0).time();
        long[] offsets = new long[points.size()];
        Instant previous = first;
        int repeatedTimes = 0;
        for (int i = 0; i < points.size(); i++) {
            GpxPoint point = points.get(i);
            if ((point.time() == null) != (first == null)) {
                throw new GpxFormatException(
                        track.format(),
                        track.file(),
                        point.lineNumber(),
                        "this point " + (first == null ? "has" : "lacks") + " a time but the first point "
                                + (first == null ? "does not" : "has one") + "; give every point a time or none");
            }
            if (first == null) {
                offsets[i] = interval.multipliedBy(i).toNanos();
                continue;
            }
            if (point.time().isBefore(previous)) {
                throw new GpxFormatException(
                        track.format(),
                        track.file(),
                        point.lineNumber(),
                        "time " + point.time() + " is earlier than the previous point's " + previous);
            }
            long offset = Duration.between(first, point.time()).toNanos();
            if (i > 0 && offset <= offsets[i - 1]) {
                // A repeated time would repeat a fix time, which a tracker counts as a duplicate or a zero-time move.
                repeatedTimes++;
                offset = offsets[i - 1] + 1_000_000;
            }
            offsets[i] = offset;
            previous = point.time();
        }
        if (!logWarnings) {
            return offsets;
        }
        if (first == null) {
            log.warn(
                    "{} file {} has no times: its {} points are sent {} ms apart (--interval-ms), and their"
                            + " speeds follow from that spacing",
                    track.format(),
                    track.file(),
                    points.size(),
                    interval.toMillis());
        }
        if (repeatedTimes > 0) {
            log.warn(
                    "{} points of {} file {} repeat an earlier time; each was moved 1 ms after the previous point",
                    repeatedTimes,
                    track.format(),
                    track.file());
        }
        return offsets;
    }

    private static double heading(List<GpxPoint> points, int i, double previousHeadingDeg) {
        GpxPoint point = points.get(i);
        if (point.courseDeg() != null) {
            return Geo.normalizeDeg(point.courseDeg());
        }
        GpxPoint from = i > 0 ? points.get(i - 1) : point;
        GpxPoint to = i > 0 ? point : points.get(Math.min(1, points.size() - 1));
        if (distanceM(from, to) < MIN_HEADING_DISTANCE_M) {
            return previousHeadingDeg;
        }
        return Geo.bearingDeg(from.latitudeDeg(), from.longitudeDeg(), to.latitudeDeg(), to.longitudeDeg());
    }

    private static double speedKmh(List<GpxPoint> points, long[] offsetsNanos, int i) {
        GpxPoint point = points.get(i);
        if (point.speedMps() != null) {
            return point.speedMps() * 3.6;
        }
        if (points.size() < 2) {
            return 0;
        }
        // A point that repeats the previous time was moved 1 ms later, which would make any move look like 500 km/h,
        // so it keeps the speed of the last point with a time of its own.
        int index = i;
        while (index > 0 && repeatsPreviousTime(points, index)) {
            index--;
        }
        if (index != i) {
            return index == 0 ? 0 : speedKmh(points, offsetsNanos, index);
        }
        if (i == 0 && repeatsPreviousTime(points, 1)) {
            return 0;
        }
        int fromIndex = i > 0 ? i - 1 : 0;
        int toIndex = i > 0 ? i : 1;
        double seconds = (offsetsNanos[toIndex] - offsetsNanos[fromIndex]) / 1e9;
        if (seconds <= 0) {
            return 0;
        }
        return distanceM(points.get(fromIndex), points.get(toIndex)) / seconds * 3.6;
    }

    private static boolean repeatsPreviousTime(List<GpxPoint> points, int index) {
        Instant time = points.get(index).time();
        Instant previous = points.get(index - 1).time();
        return time != null && previous != null && !time.isAfter(previous);
    }

    private static double distanceM(GpxPoint a, GpxPoint b) {
        return Geo.distanceM(a.latitudeDeg(), a.longitudeDeg(), b.latitudeDeg(), b.longitudeDeg());
    }
}
