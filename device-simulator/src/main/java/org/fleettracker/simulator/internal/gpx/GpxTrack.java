package org.fleettracker.simulator.internal.gpx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of a replay file in replay order, and the lines that were skipped while reading it.
 *
 * @param format the file's format as messages name it, such as {@code GPX} or {@code CSV}
 * @param pointElement which element the points came from: {@code trkpt}, {@code rtept} or {@code wpt} for GPX, or
 *     the kind of record for other formats, such as {@code NMEA fix}
 * @param skippedLines lines the reader skipped, in file order; the GPX reader fails instead and leaves this empty
 */
public record GpxTrack(
        Path file, String format, String pointElement, List<GpxPoint> points, List<SkippedLine> skippedLines) {

    /** Format name of GPX files. */
    public static final String GPX_FORMAT = "GPX";

    public GpxTrack {
        points = List.copyOf(points);
        skippedLines = List.copyOf(skippedLines);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a track of a " + format + " file needs at least one point");
        }
    }

    /** Creates the track of a GPX file, which has no skipped lines. */
    public GpxTrack(Path file, String pointElement, List<GpxPoint> points) {
        this(file, GPX_FORMAT, pointElement, points, List.of());
    }

    /** Counts the skipped lines by reason, reasons in alphabetical order. */
    public Map<String, Long> skippedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        skippedLines.forEach(line -> counts.merge(line.reason(), 1L, Long::sum));
        return counts;
    }
}
