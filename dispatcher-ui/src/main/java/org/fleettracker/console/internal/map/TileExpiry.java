package org.fleettracker.console.internal.map;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** When a downloaded tile needs refreshing, from the {@code Cache-Control} header of its response. */
final class TileExpiry {

    private TileExpiry() {}

    /**
     * Returns {@code receivedAt} plus the response's {@code max-age}, or plus {@code defaultMaxAge} without one.
     * {@code no-cache} and {@code no-store} make the tile due at once; the console still keeps it on disk, because
     * an old tile drawn while offline beats none.
     */
    static Instant expiresAt(HttpHeaders headers, Instant receivedAt, Duration defaultMaxAge) {
        return receivedAt.plus(maxAge(headers).orElse(defaultMaxAge));
    }

    /** Returns the freshness lifetime the headers give, or empty when they give none. */
    static Optional<Duration> maxAge(HttpHeaders headers) {
        Optional<Duration> maxAge = Optional.empty();
        for (String value : headers.allValues("Cache-Control")) {
            for (String directive : value.split(",")) {
                String trimmed = directive.trim().toLowerCase(Locale.ROOT);
                if (trimmed.equals("no-cache") || trimmed.equals("no-store")) {
                    return Optional.of(Duration.ZERO);
                }
                if (trimmed.startsWith("max-age=")) {
                    maxAge = parseSeconds(trimmed.substring("max-age=".length()));
                }
            }
        }
        return maxAge;
    }

    private static Optional<Duration> parseSeconds(String value) {
        String digits = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                ? value.substring(1, value.length() - 1)
                : value;
        try {
            long seconds = Long.parseLong(digits);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            // Digits too many for a long still mean a very long lifetime; anything else is invalid and ignored.
            return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()
                    ? Optional.of(Duration.ofSeconds(Integer.MAX_VALUE))
                    : Optional.empty();
        }
    }
}
