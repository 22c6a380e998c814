package org.fleettracker.console.internal.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most recent positions of one vehicle, oldest first, at most {@link #capacity()} of them.
 *
 * <p>{@link #add} takes only a point with a later fix time than the newest one, so the trail never runs backwards;
 * {@link #insertAll} fills a gap in the middle in fix-time order. Not thread safe.
 */
public final class Trail {

    private final int capacity;
    private final ArrayDeque<TrailPoint> points;

    public Trail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trail capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.points = new ArrayDeque<>(capacity);
    }

    /** Adds {@code point} when it is newer than the newest point; drops the oldest point when full. */
    public boolean add(TrailPoint point) {
        TrailPoint newest = points.peekLast();
        if (newest != null && !point.fixTime().isAfter(newest.fixTime())) {
            return false;
        }
        if (points.size() == capacity) {
            points.removeFirst();
        }
        points.addLast(point);
        return true;
    }

    public void addAll(List<TrailPoint> newPoints) {
        newPoints.forEach(this::add);
    }

    /**
     * Inserts points of any fix time in order, such as positions missed during a connection loss. A point whose fix
     * time the trail has already is skipped, and the oldest points beyond the capacity are dropped.
     *
     * @return how many of the points the trail kept
     */
    public int insertAll(List<TrailPoint> newPoints) {
        List<TrailPoint> merged = new ArrayList<>(points.size() + newPoints.size());
        merged.addAll(points);
        merged.addAll(newPoints);
        // The sort is stable, so a point already on the trail wins over a new one with the same fix time.
        merged.sort(Comparator.comparing(TrailPoint::fixTime));
        ArrayDeque<TrailPoint> kept = new ArrayDeque<>(capacity);
        for (TrailPoint point : merged) {
            TrailPoint newest = kept.peekLast();
            if (newest != null && newest.fixTime().equals(point.fixTime())) {
                continue;
            }
            if (kept.size() == capacity) {
                kept.removeFirst();
            }
            kept.addLast(point);
        }
        int inserted = 0;
        for (TrailPoint point : kept) {
            if (!points.contains(point)) {
                inserted++;
            }
        }
        points.clear();
        points.addAll(kept);
        return inserted;
    }

    public List<TrailPoint> points() {
        return List.copyOf(points);
    }

    public int size() {
        return points.size();
    }

    public int capacity() {
        return capacity;
    }
}
