package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.api.HistoryPosition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The replay of one vehicle's stored positions over a time range: a playback clock that moves through the range
 * at a chosen speed, and the vehicle's position at any time of the range.
 *
 * <p>Between two fixes the position is interpolated linearly, unless the fixes are further apart than the maximum
 * gap: then the vehicle is shown at the earlier fix until the later one. Before the first fix there is no
 * position, and after the last fix the vehicle stays there. Not thread safe: the playback view uses it on the FX
 * thread.
 */
public final class Playback {

    private final TimeRange range;
    private final List<HistoryPosition> fixes;
    private final Duration maxGap;
    private Instant currentTime;
    private PlaybackSpeed speed = PlaybackSpeed.X60;
    private boolean playing;

    /**
     * Creates a paused playback at the first fix, or at the start of {@code range} when it has none, so the map
     * shows the vehicle at once instead of an empty stretch before its first position.
     *
     * @param fixes the vehicle's positions in the range, in any order
     * @param maxGap the longest gap between two fixes that is interpolated
     */
    public Playback(TimeRange range, List<HistoryPosition> fixes, Duration maxGap) {
        this.range = Objects.requireNonNull(range, "range");
        List<HistoryPosition> sorted = new ArrayList<>(fixes);
        sorted.sort(Comparator.comparing(HistoryPosition::fixTime));
        this.fixes = List.copyOf(sorted);
        this.maxGap = maxGap;
        this.currentTime = startTime();
    }

    /** Returns the first fix time within the range, else the start of the range. */
    private Instant startTime() {
        return fixes.isEmpty() ? range.from() : range.clamp(fixes.get(0).fixTime());
    }

    public TimeRange range() {
        return range;
    }

    /** Returns the fixes in fix-time order. */
    public List<HistoryPosition> fixes() {
        return fixes;
    }

    /** Returns whether the range has no fix, so there is nothing to replay. */
    public boolean isEmpty() {
        return fixes.isEmpty();
    }

    public Instant currentTime() {
        return currentTime;
    }

    public PlaybackSpeed speed() {
        return speed;
    }

    public void setSpeed(PlaybackSpeed newSpeed) {
        speed = Objects.requireNonNull(newSpeed, "speed");
    }

    public boolean isPlaying() {
        return playing;
    }

    /**
     * Starts the clock, from the first fix if the clock is at the end of the range. Returns false and stays paused
     * when the range has no fix.
     */
    public boolean play() {
        if (isEmpty()) {
            return false;
        }
        if (!currentTime.isBefore(range.to())) {
            currentTime = startTime();
        }
        playing = true;
        return true;
    }

    public void pause() {
        playing = false;
    }

    /**
     * Moves the clock by {@code wallElapsed} times the speed factor while playing. At the end of the range the clock
     * stops there and the playback pauses. Returns whether the clock moved.
     */
    public boolean advance(Duration wallElapsed) {
        if (!playing || wallElapsed.isNegative() || wallElapsed.isZero()) {
            return false;
        }
        Instant next = currentTime.plus(wallElapsed.multipliedBy(speed.factor()));
        if (!next.isBefore(range.to())) {
            next = range.to();
            playing = false;
        }
        currentTime = next;
        return true;
    }

    /** Moves the clock to {@code time}, clamped into the range; a playing clock keeps playing from there. */
    public void seek(Instant time) {
        currentTime = range.clamp(time);
    }

    /** Returns the vehicle's position at the playback clock. */
    public Optional<GeoPoint> currentPosition() {
        return positionAt(currentTime);
    }

    /** Returns the vehicle's position at {@code time}, or empty before the first fix. */
    public Optional<GeoPoint> positionAt(Instant time) {
        int index = lastFixAtOrBefore(time);
        if (index < 0) {
            return Optional.empty();
        }
        HistoryPosition fix = fixes.get(index);
        if (index == fixes.size() - 1) {
            return Optional.of(pointOf(fix));
        }
        HistoryPosition next = fixes.get(index + 1);
        Duration gap = Duration.between(fix.fixTime(), next.fixTime());
        if (gap.isZero() || gap.compareTo(maxGap) > 0) {
            return Optional.of(pointOf(fix));
        }
        double fraction = (double) Duration.between(fix.fixTime(), time).toNanos() / gap.toNanos();
        return Optional.of(interpolate(fix, next, fraction));
    }

    /** Returns how many fixes have a fix time at or before the playback clock. */
    public int passedFixCount() {
        return lastFixAtOrBefore(currentTime) + 1;
    }

    /** Returns the index of the last fix with {@code fixTime <= time}, or -1 when there is none. */
    private int lastFixAtOrBefore(Instant time) {
        int low = 0;
        int high = fixes.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (fixes.get(middle).fixTime().isAfter(time)) {
                high = middle - 1;
            } else {
                found = middle;
                low = middle + 1;
            }
        }
        return found;
    }

    private static GeoPoint pointOf(HistoryPosition fix) {
        return new GeoPoint(fix.latitudeDeg(), fix.longitudeDeg());
    }

    private static GeoPoint interpolate(HistoryPosition from, HistoryPosition to, double fraction) {
        double latitudeDeg = from.latitudeDeg() + (to.latitudeDeg() - from.latitudeDeg()) * fraction;
        double deltaLongitudeDeg = to.longitudeDeg() - from.longitudeDeg();
        // Crossing the antimeridian takes the short way round, not back across the whole map.
        if (deltaLongitudeDeg > 180) {
            deltaLongitudeDeg -= 360;
        } else if (deltaLongitudeDeg < -180) {
            deltaLongitudeDeg += 360;
        }
        double longitudeDeg = from.longitudeDeg() + deltaLongitudeDeg * fraction;
        if (longitudeDeg > 180) {
            longitudeDeg -= 360;
        } else if (longitudeDeg < -180) {
            longitudeDeg += 360;
        }
        return new GeoPoint(latitudeDeg, longitudeDeg);
    }
}
