package org.fleettracker.console.internal.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text for the screen: local times and short durations. Only the screen shows local time. */
final class Formats {

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {}

    static String localTime(Instant instant) {
        return LOCAL_TIME.format(instant);
    }

    /** Returns an age such as {@code 42 s}, {@code 3 min 5 s} or {@code 2 h 10 min}. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }

    static String speed(double speedKmh) {
        return String.format(Locale.ROOT, "%.1f", speedKmh);
    }

    /** Returns a distance such as {@code 500 m} or {@code 2 km}. */
    static String distance(double distanceM) {
        if (distanceM >= 1000) {
            return String.format(Locale.ROOT, "%.0f km", distanceM / 1000);
        }
        return String.format(Locale.ROOT, "%.0f m", distanceM);
    }
}
