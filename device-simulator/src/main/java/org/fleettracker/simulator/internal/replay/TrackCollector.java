package org.fleettracker.simulator.internal.replay;

import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.fleettracker.simulator.internal.gpx.SkippedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a text replay file line by line and turns the collected points and skipped lines into a track. */
final class TrackCollector {

    private static final Logger log = LoggerFactory.getLogger(TrackCollector.class);

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final String format;
    private final List<GpxPoint> points = new ArrayList<>();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private long ignoredLines;

    TrackCollector(Path file, String format) {
        this.file = file;
        this.format = format;
    }

    /** Parses one line: adds its point to the collector, ignores the line, or throws to skip it with a reason. */
    interface LineParser {
        void parse(int lineNumber, String line) throws SkipLineException;
    }

    /**
     * Feeds every line of the file to {@code parser}, without its line end and without a leading byte order mark.
     * Bytes that are not UTF-8 become U+FFFD, so they fail the line's own checks instead of the whole read.
     *
     * @throws UncheckedIOException when the file does not exist or cannot be read
     */
    void readLines(LineParser parser) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
                try {
                    parser.parse(lineNumber, line);
                } catch (SkipLineException e) {
                    skip(lineNumber, e);
                }
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(format + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + format + " file " + file + " failed: " + e.getMessage(), e);
        }
    }

    void add(GpxPoint point) {
        points.add(point);
    }

    void skip(int lineNumber, SkipLineException e) {
        skipped.add(new SkippedLine(lineNumber, e.reason(), e.detail()));
        log.debug("Skipped line {} of {}: {}: {}", lineNumber, file, e.reason(), e.detail());
    }

    /** Counts a valid line that carries nothing to replay, such as an NMEA satellite list. */
    void ignore() {
        ignoredLines++;
    }

    /**
     * Returns the track with its points sorted by time; points without a time keep their file order.
     *
     * @throws ReplayFormatException when no point is left, naming the skip reasons
     */
    GpxTrack track(String pointKind) {
        if (ignoredLines > 0) {
            log.debug("Ignored {} lines of {} that carry no position", ignoredLines, file);
        }
        if (points.isEmpty()) {
            String reasons = skipped.isEmpty() ? "" : "; skipped lines by reason: " + countByReason(skipped);
            boolean undated = skipped.stream().anyMatch(line -> NmeaReader.NO_DATE.equals(line.reason()));
            String hint = undated
                    ? "; GGA sentences carry only a time of day, so the log needs RMC sentences, which carry the date"
                    : "";
            throw new ReplayFormatException(
                    file, format, "it contains no " + pointKind + " to replay" + reasons + hint);
        }
        List<GpxPoint> sorted = new ArrayList<>(points);
        if (sorted.stream().allMatch(point -> point.time() != null)) {
            sorted.sort(Comparator.comparing(GpxPoint::time));
            int late = latePoints(points);
            if (late > 0) {
                log.warn(
                        "{} of {} points of {} were out of time order, earlier than a point before them; they are"
                                + " replayed sorted by time",
                        late,
                        points.size(),
                        file);
            }
        }
        return new GpxTrack(file, format, pointKind, sorted, skipped);
    }

    /** Counts the points whose time is earlier than that of a point before them in the file. */
    static int latePoints(List<GpxPoint> points) {
        int late = 0;
        Instant latest = null;
        for (GpxPoint point : points) {
            if (latest != null && point.time().isBefore(latest)) {
                late++;
            } else {
                latest = point.time();
            }
        }
        return late;
    }

    private static Map<String, Long> countByReason(List<SkippedLine> lines) {
        Map<String, Long> counts = new TreeMap<>();
        lines.forEach(line -> counts.merge(line.reason(), 1L, Long::sum));
        return counts;
    }
}
