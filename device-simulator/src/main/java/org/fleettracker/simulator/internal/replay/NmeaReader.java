package org.fleettracker.simulator.internal.replay;

import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RMC and GGA sentences of an NMEA 0183 log, from any talker ({@code $GPRMC}, {@code $GNGGA} and so on).
 *
 * <p>A sentence counts only when its {@code *hh} checksum matches. Text before the {@code $} is ignored, so a line
 * that a logger prefixed with its own time stamp still counts. RMC gives the date, speed and course. GGA gives only a
 * time of day, so it takes the date of the nearest RMC before it (or after it, when it comes first). A GGA more than
 * 12 hours before that RMC's time of day is taken to lie after midnight, and one more than 12 hours after it before
 * midnight. An RMC and a GGA of the same time become one point. Lines with a bad or missing checksum, a void fix, an
 * empty or invalid field, or too few fields are skipped with a reason. Other sentences are ignored. Thread-safe.
 */
public final class NmeaReader {

    static final String FORMAT = "NMEA";
    static final String POINT_KIND = "NMEA fix";

    static final String NOT_NMEA = "not an NMEA sentence";
    static final String MISSING_CHECKSUM = "truncated sentence";
    static final String BAD_CHECKSUM = "bad checksum";
    static final String TOO_FEW_FIELDS = "too few fields";
    static final String VOID_FIX = "void fix";
    static final String NO_DATE = "no date";

    private static final double MPS_PER_KNOT = 1852.0 / 3600;

    /**
     * Estimated range error of a consumer GPS receiver under open sky, in metres. HDOP times this estimate is the
     * reported accuracy.
     */
    static final double USER_RANGE_ERROR_M = 5;

    private static final Pattern TIME = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Pattern DATE = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})");
    private static final Duration HALF_DAY = Duration.ofHours(12);

    private NmeaReader() {}

    /**
     * Reads every usable fix of {@code file}, sorted by time.
     *
     * @throws ReplayFormatException when no line gives a usable fix
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static GpxTrack read(Path file) {
        TrackCollector collector = new TrackCollector(file, FORMAT);
        List<Sentence> sentences = new ArrayList<>();
        collector.readLines((lineNumber, line) -> {
            Sentence sentence = parse(lineNumber, line, collector);
            if (sentence != null) {
                sentences.add(sentence);
            }
        });
        for (GpxPoint point : merge(datedSentences(sentences, collector))) {
            collector.add(point);
        }
        return collector.track(POINT_KIND);
    }

    /** One RMC or GGA sentence, with a null {@code date} for GGA. */
    private record Sentence(
            int lineNumber,
            LocalTime timeOfDay,
            @Nullable LocalDate date,
            double latitudeDeg,
            double longitudeDeg,
            @Nullable Double speedMps,
            @Nullable Double courseDeg,
            @Nullable Double altitudeM,
            @Nullable Double accuracyM) {}

    private static @Nullable Sentence parse(int lineNumber, String line, TrackCollector collector)
            throws SkipLineException {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            return null;
        }
        int dollar = stripped.indexOf('$');
        if (dollar < 0) {
            throw new SkipLineException(NOT_NMEA, "no '$' starts a sentence");
        }
        String[] fields = checkedFields(stripped.substring(dollar));
        String address = fields[0];
        String type = address.length() == 5 ? address.substring(2) : "";
        return switch (type) {
            case "RMC" -> rmc(lineNumber, fields);
            case "GGA" -> gga(lineNumber, fields);
            default -> {
                collector.ignore();
                yield null;
            }
        };
    }

    /** Verifies the checksum, the XOR of every character between '$' and '*', and splits the fields. */
    private static String[] checkedFields(String sentence) throws SkipLineException {
        int star = sentence.lastIndexOf('*');
        if (star < 0 || sentence.length() < star + 3) {
            throw new SkipLineException(MISSING_CHECKSUM, "no *hh checksum at the end of '" + sentence + "'");
        }
        int computed = 0;
        for (int i = 1; i < star; i++) {
            computed ^= sentence.charAt(i);
        }
        String given = sentence.substring(star + 1, star + 3);
        int expected;
        try {
            expected = Integer.parseInt(given, 16);
        } catch (NumberFormatException e) {
            throw new SkipLineException(BAD_CHECKSUM, "checksum '" + given + "' is not two hex digits");
        }
        if (expected != computed) {
            throw new SkipLineException(
                    BAD_CHECKSUM,
                    String.format(Locale.ROOT, "checksum is %s but the sentence gives %02X", given, computed));
        }
        return sentence.substring(1, star).split(",", -1);
    }

    private static Sentence rmc(int lineNumber, String[] fields) throws SkipLineException {
        requireFields("RMC", fields, 10);
        String status = fields[2];
        if ("V".equals(status)) {
            throw new SkipLineException(VOID_FIX, "RMC status is V (void)");
        }
        if (!"A".equals(status)) {
            throw new SkipLineException(Fields.INVALID_FIELD, "RMC status '" + status + "' is not A or V");
        }
        // NMEA 0183 version 2.3 added a mode indicator, and N in it means the receiver has no valid fix.
        if (fields.length > 12 && fields[12].startsWith("N")) {
            throw new SkipLineException(VOID_FIX, "RMC mode indicator is N (no fix)");
        }
        Double knots = Fields.inRange("RMC speed in knots", Fields.optionalNumber("RMC speed", fields[7]), 0, 1e4);
        return new Sentence(
                lineNumber,
                timeOfDay(fields[1]),
                date(fields[9]),
                coordinate("latitude", fields[3], fields[4], 'N', 'S', 90),
                coordinate("longitude", fields[5], fields[6], 'E', 'W', 180),
                knots == null ? null : knots * MPS_PER_KNOT,
                Fields.course("RMC course", Fields.optionalNumber("RMC course", fields[8])),
                null,
                null);
    }

    private static Sentence gga(int lineNumber, String[] fields) throws SkipLineException {
        requireFields("GGA", fields, 10);
        String quality = fields[6];
        if (quality.isEmpty()) {
            throw new SkipLineException(Fields.EMPTY_FIELD, "GGA fix quality is empty");
        }
        if ("0".equals(quality)) {
            throw new SkipLineException(VOID_FIX, "GGA fix quality is 0 (invalid)");
        }
        Double hdop = Fields.inRange("GGA HDOP", Fields.optionalNumber("GGA HDOP", fields[8]), 0, 100);
        return new Sentence(
                lineNumber,
                timeOfDay(fields[1]),
                null,
                coordinate("latitude", fields[2], fields[3], 'N', 'S', 90),
                coordinate("longitude", fields[4], fields[5], 'E', 'W', 180),
                null,
                null,
                Fields.inRange("GGA altitude", Fields.optionalNumber("GGA altitude", fields[9]), -1_000, 100_000),
                hdop == null ? null : hdop * USER_RANGE_ERROR_M);
    }

    private static void requireFields(String type, String[] fields, int count) throws SkipLineException {
        if (fields.length < count) {
            throw new SkipLineException(
                    TOO_FEW_FIELDS, type + " has " + fields.length + " fields, expected at least " + count);
        }
    }

    /** Parses {@code ddmm.mmmm} (latitude) or {@code dddmm.mmmm} (longitude) and its hemisphere letter. */
    private static double coordinate(
            String name, String value, String hemisphere, char positive, char negative, double limitDeg)
            throws SkipLineException {
        double raw = Fields.number(name, value);
        if (hemisphere.isEmpty()) {
            throw new SkipLineException(Fields.EMPTY_FIELD, name + " hemisphere is empty");
        }
        char letter = hemisphere.charAt(0);
        if (hemisphere.length() != 1 || (letter != positive && letter != negative)) {
            throw new SkipLineException(
                    Fields.INVALID_FIELD,
                    name + " hemisphere '" + hemisphere + "' is not " + positive + " or " + negative);
        }
        double degrees = Math.floor(raw / 100);
        double minutes = raw - degrees * 100;
        if (raw < 0 || minutes >= 60) {
            throw new SkipLineException(Fields.INVALID_FIELD, name + " '" + value + "' is not degrees and minutes");
        }
        double signed = (degrees + minutes / 60) * (letter == negative ? -1 : 1);
        return Fields.inRange(name, signed, -limitDeg, limitDeg);
    }

    private static LocalTime timeOfDay(String text) throws SkipLineException {
        if (text.isEmpty()) {
            throw new SkipLineException(Fields.EMPTY_FIELD, "time is empty");
        }
        Matcher matcher = TIME.matcher(text);
        if (!matcher.matches()) {
            throw new SkipLineException(Fields.INVALID_FIELD, "time '" + text + "' is not hhmmss.ss");
        }
        int hour = Integer.parseInt(matcher.group(1));
        int minute = Integer.parseInt(matcher.group(2));
        int second = Integer.parseInt(matcher.group(3));
        String fraction = matcher.group(4) == null ? "0" : matcher.group(4);
        int nanos = Integer.parseInt((fraction + "00000000").substring(0, 9));
        if (hour > 23 || minute > 59 || second > 59) {
            throw new SkipLineException(Fields.INVALID_FIELD, "time '" + text + "' is not a time of day");
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private static LocalDate date(String text) throws SkipLineException {
        if (text.isEmpty()) {
            throw new SkipLineException(Fields.EMPTY_FIELD, "RMC date is empty");
        }
        Matcher matcher = DATE.matcher(text);
        if (!matcher.matches()) {
            throw new SkipLineException(Fields.INVALID_FIELD, "RMC date '" + text + "' is not ddmmyy");
        }
        int day = Integer.parseInt(matcher.group(1));
        int month = Integer.parseInt(matcher.group(2));
        int twoDigitYear = Integer.parseInt(matcher.group(3));
        // The two-digit year is read as 1980 to 2079, because GPS time starts in 1980.
        int year = twoDigitYear < 80 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
        if (month < 1
                || month > 12
                || day < 1
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw new SkipLineException(Fields.INVALID_FIELD, "RMC date '" + text + "' is not a calendar date");
        }
        return LocalDate.of(year, month, day);
    }

    /** Gives every sentence its UTC time. A GGA takes the date of the nearest RMC before it, else after it. */
    private static List<Dated> datedSentences(List<Sentence> sentences, TrackCollector collector) {
        Sentence firstRmc =
                sentences.stream().filter(s -> s.date() != null).findFirst().orElse(null);
        List<Dated> dated = new ArrayList<>();
        Sentence lastRmc = firstRmc;
        for (Sentence sentence : sentences) {
            if (sentence.date() != null) {
                lastRmc = sentence;
                dated.add(new Dated(
                        sentence, sentence.date().atTime(sentence.timeOfDay()).toInstant(ZoneOffset.UTC)));
            } else if (lastRmc == null) {
                collector.skip(
                        sentence.lineNumber(),
                        new SkipLineException(NO_DATE, "GGA has only a time of day and the file has no valid RMC"));
            } else {
                dated.add(new Dated(sentence, ggaTime(sentence.timeOfDay(), lastRmc)));
            }
        }
        return dated;
    }

    private record Dated(Sentence sentence, Instant time) {}

    private static Instant ggaTime(LocalTime ggaTimeOfDay, Sentence rmc) {
        LocalDate date = rmc.date();
        Instant reference = date.atTime(rmc.timeOfDay()).toInstant(ZoneOffset.UTC);
        Instant sameDay = date.atTime(ggaTimeOfDay).toInstant(ZoneOffset.UTC);
        if (sameDay.isBefore(reference.minus(HALF_DAY))) {
            return sameDay.plus(Duration.ofDays(1));
        }
        if (sameDay.isAfter(reference.plus(HALF_DAY))) {
            return sameDay.minus(Duration.ofDays(1));
        }
        return sameDay;
    }

    /** Joins sentences of the same time into one point, filling a field the first one lacks from a later one. */
    private static List<GpxPoint> merge(List<Dated> dated) {
        Map<Instant, GpxPoint> byTime = new LinkedHashMap<>();
        for (Dated entry : dated) {
            Sentence s = entry.sentence();
            GpxPoint point = new GpxPoint(
                    s.lineNumber(),
                    s.latitudeDeg(),
                    s.longitudeDeg(),
                    s.altitudeM(),
                    entry.time(),
                    s.speedMps(),
                    s.courseDeg(),
                    s.accuracyM());
            byTime.merge(entry.time(), point, NmeaReader::fillGaps);
        }
        return new ArrayList<>(byTime.values());
    }

    private static GpxPoint fillGaps(GpxPoint first, GpxPoint later) {
        return new GpxPoint(
                first.lineNumber(),
                first.latitudeDeg(),
                first.longitudeDeg(),
                first.altitudeM() != null ? first.altitudeM() : later.altitudeM(),
                first.time(),
                first.speedMps() != null ? first.speedMps() : later.speedMps(),
                first.courseDeg() != null ? first.courseDeg() : later.courseDeg(),
                first.accuracyM() != null ? first.accuracyM() : later.accuracyM());
    }
}
