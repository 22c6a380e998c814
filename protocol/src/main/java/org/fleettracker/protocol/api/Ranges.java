package org.fleettracker.protocol.api;

/** Range checks shared by the contract records; each throws {@link IllegalArgumentException} naming the field. */
final class Ranges {

    private Ranges() {}

    static void requireRange(String field, double value, double min, double max) {
        // The negated test also rejects NaN.
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    field + " " + format(value) + " is out of range [" + format(min) + ", " + format(max) + "]");
        }
    }

    static void requireHeading(String field, double headingDeg) {
        if (!(headingDeg >= 0 && headingDeg < 360)) {
            throw new IllegalArgumentException(field + " " + format(headingDeg) + " is out of range [0, 360)");
        }
    }

    static void requireNotNegative(String field, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        if (value < 0) {
            throw new IllegalArgumentException(field + " " + format(value) + " is negative");
        }
    }

    static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " " + value + " is negative");
        }
    }

    /** Checks the length in Unicode code points, the unit of JSON Schema's {@code maxLength}. */
    static String requireLength(String field, String text, int minChars, int maxChars) {
        int length = text.codePointCount(0, text.length());
        if (length < minChars || length > maxChars) {
            throw new IllegalArgumentException(
                    field + " has " + length + " characters, allowed are " + minChars + " to " + maxChars);
        }
        return text;
    }

    /** Formats a whole number without a fraction ({@code -1}, not {@code -1.0}) and any other value as Java does. */
    static String format(double value) {
        boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
        return whole ? Long.toString((long) value) : Double.toString(value);
    }
}
