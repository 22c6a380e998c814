package org.fleettracker.simulator.internal.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the location records of an OwnTracks Recorder {@code .rec} file.
 *
 * <p>Each line is {@code ISO-time TAB marker TAB JSON}, where the marker is {@code *} padded with spaces. Only JSON
 * objects with {@code "_type":"location"} become points, and other types such as {@code transition} are ignored. A
 * point uses {@code tst} (epoch seconds, else the line's ISO time), {@code lat}, {@code lon}, {@code vel} (km/h),
 * {@code cog} (degrees), {@code acc} (metres) and {@code alt} (metres). Lines that are not recorder lines, carry
 * invalid JSON, or lack a coordinate are skipped with a reason. Thread-safe.
 */
public final class OwnTracksReader {

    static final String FORMAT = "OwnTracks";
    static final String POINT_KIND = "OwnTracks location";

    static final String NOT_RECORDER_LINE = "not a recorder line";
    static final String INVALID_JSON = "invalid JSON";

    /** 9999-12-31T23:59:59Z, the last time this reader accepts, in epoch seconds. */
    private static final double LAST_EPOCH_SECOND = 253_402_300_799.0;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OwnTracksReader() {}

    /**
     * Reads every usable location of {@code file}, sorted by time.
     *
     * @throws ReplayFormatException when no line gives a usable location
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static GpxTrack read(Path file) {
        TrackCollector collector = new TrackCollector(file, FORMAT);
        collector.readLines((lineNumber, line) -> {
            GpxPoint point = parse(lineNumber, line, collector);
            if (point != null) {
                collector.add(point);
            }
        });
        return collector.track(POINT_KIND);
    }

    private static @Nullable GpxPoint parse(int lineNumber, String line, TrackCollector collector)
            throws SkipLineException {
        if (line.isBlank()) {
            return null;
        }
        String[] parts = line.split("\t", 3);
        if (parts.length < 3) {
            throw new SkipLineException(NOT_RECORDER_LINE, "expected three tab-separated parts, found " + parts.length);
        }
        JsonNode json = json(parts[2]);
        if (!"location".equals(json.path("_type").asText())) {
            collector.ignore();
            return null;
        }
        Double knownSpeedKmh = Fields.inRange("vel", number(json, "vel"), 0, 10_000);
        return new GpxPoint(
                lineNumber,
                Fields.inRange("lat", required(json, "lat"), -90, 90),
                Fields.inRange("lon", required(json, "lon"), -180, 180),
                Fields.inRange("alt", number(json, "alt"), -1_000, 100_000),
                time(json, parts[0]),
                knownSpeedKmh == null ? null : knownSpeedKmh / 3.6,
                Fields.course("cog", number(json, "cog")),
                Fields.inRange("acc", number(json, "acc"), 0, 1_000_000));
    }

    private static JsonNode json(String text) throws SkipLineException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new SkipLineException(INVALID_JSON, "the third part is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SkipLineException(INVALID_JSON, e.getOriginalMessage());
        }
    }

    private static double required(JsonNode json, String name) throws SkipLineException {
        Double value = number(json, name);
        if (value == null) {
            throw new SkipLineException(Fields.EMPTY_FIELD, name + " is missing");
        }
        return value;
    }

    /** Returns a numeric member, null when it is missing or JSON null; skips the line when it is not a number. */
    private static @Nullable Double number(JsonNode json, String name) throws SkipLineException {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        // A number written as a JSON string is accepted as well.
        if (node.isNumber() || node.isTextual()) {
            return Fields.optionalNumber(name, node.asText());
        }
        throw new SkipLineException(Fields.INVALID_FIELD, name + " " + node + " is not a number");
    }

    private static Instant time(JsonNode json, String isoTime) throws SkipLineException {
        Double tst = Fields.inRange("tst", number(json, "tst"), 0, LAST_EPOCH_SECOND);
        if (tst != null) {
            return Instant.ofEpochSecond(tst.longValue());
        }
        try {
            return OffsetDateTime.parse(isoTime.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SkipLineException(
                    Fields.INVALID_FIELD, "no tst and the line's time '" + isoTime.strip() + "' is not ISO-8601");
        }
    }
}
