package org.fleettracker.console.internal.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Converts between the local times a dispatcher types and the UTC instants the console works with.
 *
 * <p>Accepted input is {@code HH:mm} (on {@code today}) or {@code yyyy-MM-dd HH:mm}. A local time that a
 * daylight-saving change skips moves forward by the length of the gap, as {@link LocalDateTime#atZone} does.
 */
public final class ScreenTimes {

    /** The accepted input formats, for error and help texts. */
    public static final String FORMATS = "HH:mm or yyyy-MM-dd HH:mm";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private ScreenTimes() {}

    /**
     * Parses a typed local time.
     *
     * @throws IllegalArgumentException naming the text and the accepted formats when it matches neither
     */
    public static Instant parse(String text, LocalDate today, ZoneId zone) {
        String trimmed = text.strip();
        try {
            if (trimmed.length() <= 5) {
                return LocalTime.parse(trimmed, TIME).atDate(today).atZone(zone).toInstant();
            }
            return LocalDateTime.parse(trimmed, DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + trimmed + "' is invalid: use " + FORMATS, e);
        }
    }

    /** Formats {@code time} as {@code yyyy-MM-dd HH:mm} in {@code zone}, which {@link #parse} reads back. */
    public static String format(Instant time, ZoneId zone) {
        return DATE_TIME.format(time.atZone(zone));
    }
}
