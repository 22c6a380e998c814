package org.fleettracker.simulator.internal.replay;

import org.jspecify.annotations.Nullable;

/** Number parsing shared by the line readers; each failure becomes a skipped line with a fixed reason. */
final class Fields {

    static final String EMPTY_FIELD = "empty field";
    static final String INVALID_FIELD = "invalid field";
    static final String OUT_OF_RANGE = "value out of range";

    private Fields() {}

    /** Parses a required number, or skips the line when the text is empty or not a finite number. */
    static double number(String name, String text) throws SkipLineException {
        Double value = optionalNumber(name, text);
        if (value == null) {
            throw new SkipLineException(EMPTY_FIELD, name + " is empty");
        }
        return value;
    }

    /** Parses an optional number: null for empty text; skips the line when the text is not a finite number. */
    static @Nullable Double optionalNumber(String name, String text) throws SkipLineException {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(trimmed);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below together with NaN and infinity.
        }
        throw new SkipLineException(INVALID_FIELD, name + " '" + trimmed + "' is not a number");
    }

    /** Skips the line unless {@code value} lies from {@code min} to {@code max}. */
    static double inRange(String name, double value, double min, double max) throws SkipLineException {
        if (value < min || value > max) {
            throw new SkipLineException(OUT_OF_RANGE, name + " " + value + " is not from " + min + " to " + max);
        }
        return value;
    }

    /** Checks an optional value like {@link #inRange}; null stays null. */
    static @Nullable Double inRange(String name, @Nullable Double value, double min, double max)
            throws SkipLineException {
        return value == null ? null : inRange(name, value.doubleValue(), min, max);
    }

    /** Maps a course of exactly 360 degrees to 0, because the track's courses lie from 0 to below 360. */
    static @Nullable Double course(String name, @Nullable Double value) throws SkipLineException {
        Double checked = inRange(name, value, 0, 360);
        return checked != null && checked == 360 ? Double.valueOf(0) : checked;
    }

    /** Maximum length of the excerpt of a line that an error message quotes, in characters. */
    static final int MAX_EXCERPT_CHARS = 80;

    /**
     * Returns {@code line} for an error message: quoted and cut to {@value #MAX_EXCERPT_CHARS} characters. Control
     * characters and the replacement character of undecodable bytes are shown as Java escapes such as
     * {@code \\u0007}, so a binary file does not print raw bytes to the terminal.
     */
    static String excerpt(String line) {
        StringBuilder text = new StringBuilder("'");
        int end = Math.min(line.length(), MAX_EXCERPT_CHARS);
        if (end < line.length() && Character.isHighSurrogate(line.charAt(end - 1))) {
            // Cutting between the halves of a surrogate pair would leave half a character in the message.
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD') {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        text.append('\'');
        if (line.length() > end) {
            text.append("... (").append(line.length()).append(" characters)");
        }
        return text.toString();
    }
}
