package org.fleettracker.console.internal.model;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent positions of one vehicle, oldest first, at most {@link #capacity()} of them.
 *
 * <p>Only a point with a later fix time than the newest one is added, so the trail never runs backwards.
 * Not thread safe.
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
