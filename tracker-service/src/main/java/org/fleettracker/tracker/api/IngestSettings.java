package org.fleettracker.tracker.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Limits of the ingest rules (docs/ingest.md). Read from the properties-file keys with the prefix {@code ingest.}.
 *
 * @param maxFixTimeAhead how far a fix time may lie ahead of the time the tracker received it; later is rejected as
 *     {@code fix_time_in_future} (default 5 min, key {@code ingest.max-fix-time-ahead})
 * @param maxFixAge how far a fix time may lie before the time the tracker received it; older is rejected as {@code
 *     fix_time_too_old} unless a GPS week rollover explains it (default 30 days, key {@code ingest.max-fix-age})
 * @param maxImpliedSpeedKmh a fix that implies a faster speed from the vehicle's previous accepted fix is flagged
 *     {@code outlier} (default 300, key {@code ingest.max-implied-speed-kmh})
 * @param lowConfidenceAccuracyM a fix at the previous fix's coordinates with no accuracy, or an accuracy radius of at
 *     least this, is flagged {@code low_confidence} (default 100, key {@code ingest.low-confidence-accuracy-m})
 * @param maxAccuracySlackM the outlier check subtracts each fix's accuracy radius from the distance, but at most
 *     this much, so a fix claiming a huge radius cannot pass off any jump (default 1,000, key
 *     {@code ingest.max-accuracy-slack-m})
 * @param outliersToMove this many outliers in a row, each plausible from the one before, mean the vehicle really
 *     is elsewhere (a wrong earlier fix, or a tow or ferry with no signal): the last of them is accepted and the
 *     state moves there (default 3, key {@code ingest.outliers-to-move})
 */
public record IngestSettings(
        Duration maxFixTimeAhead,
        Duration maxFixAge,
        double maxImpliedSpeedKmh,
        double lowConfidenceAccuracyM,
        double maxAccuracySlackM,
        int outliersToMove) {

    /** Keys after the {@code ingest.} prefix. */
    public static final List<String> KEYS = List.of(
            "max-fix-time-ahead",
            "max-fix-age",
            "max-implied-speed-kmh",
            "low-confidence-accuracy-m",
            "max-accuracy-slack-m",
            "outliers-to-move");

    /** Default of {@link #maxAccuracySlackM}. */
    public static final double DEFAULT_MAX_ACCURACY_SLACK_M = 1_000;

    /** Default of {@link #outliersToMove}. */
    public static final int DEFAULT_OUTLIERS_TO_MOVE = 3;

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");

    public IngestSettings {
        requireNotNegative("maxFixTimeAhead", maxFixTimeAhead);
        requireNotNegative("maxFixAge", maxFixAge);
        if (!(maxImpliedSpeedKmh > 0) || Double.isInfinite(maxImpliedSpeedKmh)) {
            throw new IllegalArgumentException("maxImpliedSpeedKmh " + maxImpliedSpeedKmh + " must be above 0");
        }
        if (!(lowConfidenceAccuracyM >= 0) || Double.isInfinite(lowConfidenceAccuracyM)) {
            throw new IllegalArgumentException(
                    "lowConfidenceAccuracyM " + lowConfidenceAccuracyM + " must not be negative");
        }
        if (!(maxAccuracySlackM >= 0) || Double.isInfinite(maxAccuracySlackM)) {
            throw new IllegalArgumentException("maxAccuracySlackM " + maxAccuracySlackM + " must not be negative");
        }
        if (outliersToMove < 2) {
            throw new IllegalArgumentException("outliersToMove " + outliersToMove + " must be at least 2");
        }
    }

    /** Creates settings with the default {@link #maxAccuracySlackM} and {@link #outliersToMove}. */
    public IngestSettings(
            Duration maxFixTimeAhead, Duration maxFixAge, double maxImpliedSpeedKmh, double lowConfidenceAccuracyM) {
        this(
                maxFixTimeAhead,
                maxFixAge,
                maxImpliedSpeedKmh,
                lowConfidenceAccuracyM,
                DEFAULT_MAX_ACCURACY_SLACK_M,
                DEFAULT_OUTLIERS_TO_MOVE);
    }

    public static IngestSettings defaults() {
        return new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(30), 300, 100);
    }

    /**
     * Reads the keys of {@link #KEYS}; an absent key keeps its default. Durations take a unit: {@code 90s},
     * {@code 5m}, {@code 2h}, {@code 30d}, or ISO-8601 such as {@code PT5M}.
     *
     * @throws IllegalArgumentException on an unknown key or an invalid value
     */
    public static IngestSettings fromProperties(Properties properties) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown key '" + unknown.iterator().next() + "'; known: " + KEYS);
        }
        IngestSettings d = defaults();
        return new IngestSettings(
                duration(properties, "max-fix-time-ahead", d.maxFixTimeAhead()),
                duration(properties, "max-fix-age", d.maxFixAge()),
                number(properties, "max-implied-speed-kmh", d.maxImpliedSpeedKmh()),
                number(properties, "low-confidence-accuracy-m", d.lowConfidenceAccuracyM()),
                number(properties, "max-accuracy-slack-m", d.maxAccuracySlackM()),
                count(properties, "outliers-to-move", d.outliersToMove()));
    }

    public IngestSettings withMaxFixTimeAhead(Duration value) {
        return new IngestSettings(
                value, maxFixAge, maxImpliedSpeedKmh, lowConfidenceAccuracyM, maxAccuracySlackM, outliersToMove);
    }

    public IngestSettings withMaxFixAge(Duration value) {
        return new IngestSettings(
                maxFixTimeAhead, value, maxImpliedSpeedKmh, lowConfidenceAccuracyM, maxAccuracySlackM, outliersToMove);
    }

    public IngestSettings withMaxImpliedSpeedKmh(double value) {
        return new IngestSettings(
                maxFixTimeAhead, maxFixAge, value, lowConfidenceAccuracyM, maxAccuracySlackM, outliersToMove);
    }

    public IngestSettings withLowConfidenceAccuracyM(double value) {
        return new IngestSettings(
                maxFixTimeAhead, maxFixAge, maxImpliedSpeedKmh, value, maxAccuracySlackM, outliersToMove);
    }

    public IngestSettings withMaxAccuracySlackM(double value) {
        return new IngestSettings(
                maxFixTimeAhead, maxFixAge, maxImpliedSpeedKmh, lowConfidenceAccuracyM, value, outliersToMove);
    }

    public IngestSettings withOutliersToMove(int value) {
        return new IngestSettings(
                maxFixTimeAhead, maxFixAge, maxImpliedSpeedKmh, lowConfidenceAccuracyM, maxAccuracySlackM, value);
    }

    /** Parses {@code 90s}, {@code 5m}, {@code 2h}, {@code 30d} or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 5m, 2h, 30d or PT5M");
        }
    }

    private static Duration duration(Properties properties, String key, Duration defaultValue) {
        String raw = properties.getProperty(key);
        return raw == null || raw.isBlank() ? defaultValue : parseDuration(raw);
    }

    private static double number(Properties properties, String key, double defaultValue) {
        String raw = properties.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + raw + "' is not a number");
        }
    }

    private static int count(Properties properties, String key, int defaultValue) {
        String raw = properties.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + raw + "' is not a whole number");
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " " + value + " must not be negative");
        }
    }
}
