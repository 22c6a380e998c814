package org.fleettracker.simulator.internal.gpx;

import java.nio.file.Path;
import java.util.List;

/**
 * The points of a GPX file in document order.
 *
 * @param pointElement which element the points came from: {@code trkpt}, {@code rtept} or {@code wpt}
 */
public record GpxTrack(Path file, String pointElement, List<GpxPoint> points) {

    public GpxTrack {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a GPX track needs at least one point");
        }
    }
}
