package org.fleettracker.simulator.internal.replay;

import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV file whose first row names the columns, separated by commas or, when the header row has more
 * semicolons than commas, by semicolons.
 *
 * <p>Column names are matched without case and without characters other than letters and digits, so
 * {@code Speed (km/h)}, {@code speed_kmh} and {@code speedKmh} are the same column; see {@link Column} for the names
 * each column accepts. Latitude and longitude are required. Speed is in km/h, heading in degrees, accuracy and
 * altitude in metres. A time is ISO-8601 (UTC when it has no offset, with {@code T} or a space before the time) or
 * epoch seconds, or epoch milliseconds when the number is 100,000,000,000 or more. Without a time column the rows
 * keep their file order. In a semicolon file a decimal comma is accepted. Fields may be quoted as in RFC 4180, but
 * a quoted field cannot span lines. A row is skipped with a reason when it has too few fields, an empty or invalid
 * latitude, longitude or time, or an invalid optional value. Thread-safe.
 */
public final class CsvReader {

    private static final Logger log = LoggerFactory.getLogger(CsvReader.class);

    static final String FORMAT = "CSV";
    static final String POINT_KIND = "CSV row";

    static final String TOO_FEW_FIELDS = "too few fields";
    static final String UNCLOSED_QUOTE = "unclosed quote";

    /** Smallest epoch number read as milliseconds, because as seconds it would lie in the year 5138. */
    static final double MIN_EPOCH_MILLIS = 100_000_000_000.0;

    /** The columns this reader uses, each with the normalized header names that select it. */
    enum Column {
        TIME("time", "timestamp", "datetime", "fixtime", "utc", "timeutc"),
        LATITUDE("latitude", "lat", "latitudedeg"),
        LONGITUDE("longitude", "lon", "lng", "long", "longitudedeg"),
        SPEED("speed", "speedkmh", "kmh"),
        HEADING("heading", "course", "headingdeg", "coursedeg", "bearing"),
        ACCURACY("accuracy", "acc", "accuracym", "hacc"),
        ALTITUDE("altitude", "alt", "altitudem", "elevation", "ele");

        private final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

        static @Nullable Column ofHeader(String header) {
            String normalized = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            for (Column column : values()) {
                if (column.names.contains(normalized)) {
                    return column;
                }
            }
            return null;
        }
    }

    private CsvReader() {}

    /**
     * Reads every usable row of {@code file}, sorted by time when it has a time column.
     *
     * @throws ReplayFormatException when the file has no header, no latitude or longitude column, or no usable row
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static GpxTrack read(Path file) {
        TrackCollector collector = new TrackCollector(file, FORMAT);
        Header[] header = new Header[1];
        collector.readLines((lineNumber, line) -> {
            if (line.isBlank()) {
                return;
            }
            if (header[0] == null) {
                header[0] = Header.parse(file, line);
                return;
            }
            collector.add(row(lineNumber, line, header[0]));
        });
        if (header[0] == null) {
            throw new ReplayFormatException(file, FORMAT, "it is empty; the first row must name the columns");
        }
        return collector.track(POINT_KIND);
    }

    /** The separator and the index of each used column. */
    private record Header(char separator, Map<Column, Integer> indexes, int fieldCount) {

        static Header parse(Path file, String line) {
            long semicolons = line.chars().filter(c -> c == ';').count();
            long commas = line.chars().filter(c -> c == ',').count();
            char separator = semicolons > commas ? ';' : ',';
            List<String> names;
            try {
                names = split(line, separator);
            } catch (SkipLineException e) {
                throw new ReplayFormatException(file, FORMAT, "the header row has an unclosed quote");
            }
            Map<Column, Integer> indexes = new EnumMap<>(Column.class);
            List<String> unused = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Column column = Column.ofHeader(names.get(i));
                if (column == null || indexes.containsKey(column)) {
                    unused.add(names.get(i));
                } else {
                    indexes.put(column, i);
                }
            }
            if (!indexes.containsKey(Column.LATITUDE) || !indexes.containsKey(Column.LONGITUDE)) {
                throw new ReplayFormatException(
                        file,
                        FORMAT,
                        "the header row " + Fields.excerpt(line) + " names no latitude or no longitude column;"
                                + " name them latitude (or lat) and longitude (or lon, lng)");
            }
            if (!unused.isEmpty()) {
                log.info("Columns {} of CSV file {} are not used", unused, file);
            }
            return new Header(separator, indexes, names.size());
        }

        int lastUsedIndex() {
            return indexes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    private static GpxPoint row(int lineNumber, String line, Header header) throws SkipLineException {
        List<String> fields = split(line, header.separator());
        if (fields.size() <= header.lastUsedIndex()) {
            throw new SkipLineException(
                    TOO_FEW_FIELDS, "row has " + fields.size() + " fields, the header names " + header.fieldCount());
        }
        Double speedKmh = Fields.inRange("speed", number(fields, header, Column.SPEED), 0, 10_000);
        return new GpxPoint(
                lineNumber,
                Fields.inRange("latitude", required(fields, header, Column.LATITUDE), -90, 90),
                Fields.inRange("longitude", required(fields, header, Column.LONGITUDE), -180, 180),
                Fields.inRange("altitude", number(fields, header, Column.ALTITUDE), -1_000, 100_000),
                time(fields, header),
                speedKmh == null ? null : speedKmh / 3.6,
                Fields.course("heading", number(fields, header, Column.HEADING)),
                Fields.inRange("accuracy", number(fields, header, Column.ACCURACY), 0, 1_000_000));
    }

    private static double required(List<String> fields, Header header, Column column) throws SkipLineException {
        Double value = number(fields, header, column);
        if (value == null) {
            throw new SkipLineException(Fields.EMPTY_FIELD, name(column) + " is empty");
        }
        return value;
    }

    private static @Nullable Double number(List<String> fields, Header header, Column column) throws SkipLineException {
        Integer index = header.indexes().get(column);
        if (index == null) {
            return null;
        }
        String text = fields.get(index);
        if (header.separator() == ';') {
            text = text.replace(',', '.');
        }
        return Fields.optionalNumber(name(column), text);
    }

    private static @Nullable Instant time(List<String> fields, Header header) throws SkipLineException {
        Integer index = header.indexes().get(Column.TIME);
        if (index == null) {
            return null;
        }
        String text = fields.get(index).strip();
        if (text.isEmpty()) {
            throw new SkipLineException(Fields.EMPTY_FIELD, "time is empty");
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            return epoch(text);
        }
        String isoText =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(isoText).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(isoText).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new SkipLineException(
                        Fields.INVALID_FIELD,
                        "time '" + text + "' is not ISO-8601 such as 2024-05-01T08:00:00Z, nor epoch seconds or ms");
            }
        }
    }

    private static Instant epoch(String text) throws SkipLineException {
        double value = Fields.inRange("epoch time", Double.parseDouble(text), 0, 253_402_300_799_999.0);
        double millis = value >= MIN_EPOCH_MILLIS ? value : value * 1_000;
        if (millis > 253_402_300_799_999.0) {
            throw new SkipLineException(Fields.OUT_OF_RANGE, "epoch time " + text + " lies after the year 9999");
        }
        return Instant.ofEpochMilli(Math.round(millis));
    }

    private static String name(Column column) {
        return column.name().toLowerCase(Locale.ROOT);
    }

    /** Splits one line into fields. A field in double quotes may contain the separator, and "" in it is a quote. */
    static List<String> split(String line, char separator) throws SkipLineException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new SkipLineException(UNCLOSED_QUOTE, "a quoted field does not end on this line");
        }
        fields.add(field.toString());
        return fields;
    }
}
