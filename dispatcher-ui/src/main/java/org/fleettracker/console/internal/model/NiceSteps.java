package org.fleettracker.console.internal.model;

/** Round numbers for scale bars and grid spacing: 1, 2 or 5 times a power of ten. */
public final class NiceSteps {

    private static final double[] MANTISSAS = {1.0, 2.0, 5.0};

    private NiceSteps() {}

    /** Returns the largest round number not above {@code limit}; {@code limit} must be positive. */
    public static double floor(double limit) {
        if (!(limit > 0.0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("limit must be positive and finite, got " + limit);
        }
        double power = Math.pow(10.0, Math.floor(Math.log10(limit)));
        double best = power;
        for (double mantissa : MANTISSAS) {
            if (mantissa * power <= limit * (1 + 1e-9)) {
                best = mantissa * power;
            }
        }
        return best;
    }

    /** Returns the smallest round number not below {@code minimum}; {@code minimum} must be positive. */
    public static double ceil(double minimum) {
        double candidate = floor(minimum);
        if (candidate >= minimum * (1 - 1e-9)) {
            return candidate;
        }
        double power = Math.pow(10.0, Math.floor(Math.log10(candidate)));
        double mantissa = candidate / power;
        if (mantissa < 1.5) {
            return 2 * power;
        }
        return mantissa < 3.5 ? 5 * power : 10 * power;
    }
}
