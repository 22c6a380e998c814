package org.fleettracker.simulator.api;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Set;

/**
 * Faults that a run injects on purpose, to test how the tracker copes with them. {@link #NONE} injects none. Every
 * random choice follows the run's seed, so the same seed injects the same faults into the same fixes.
 *
 * @param dropConnectionEvery period, at least {@link #MIN_DROP_CONNECTION_EVERY}, after which the connection of one
 *     random connected vehicle is closed without an MQTT DISCONNECT, or null for never. The vehicle then reconnects
 *     and sends its unacknowledged fixes again
 * @param duplicateRatio fraction of fixes, from 0 to 1, that are published a second time right after the first
 * @param outOfOrderRatio fraction of fixes, from 0 to 1, that are held back and published after the vehicle's next fix
 * @param malformedRatio fraction of fixes, from 0 to 1, whose payload is replaced by invalid JSON or by a fix with an
 *     invalid field
 * @param clockSkew shift added to the fix time of the skewed vehicles' fixes, negative for the past, or null for none
 * @param clockSkewRatio probability, from 0 to 1, that a vehicle's fix times are shifted, drawn once per vehicle;
 *     ignored when {@code clockSkewVehicles} is not empty
 * @param clockSkewVehicles vehicle ids whose fix times are shifted, or empty to choose by {@code clockSkewRatio}
 */
public record FaultSettings(
        @Nullable Duration dropConnectionEvery,
        double duplicateRatio,
        double outOfOrderRatio,
        double malformedRatio,
        @Nullable Duration clockSkew,
        double clockSkewRatio,
        Set<String> clockSkewVehicles) {

    /**
     * Shortest drop period. A dropped vehicle is back only after its first reconnect delay (500 ms by default, with
     * 20% jitter) and a TCP and MQTT handshake. Shorter periods drop connections faster than they come back, so the
     * run would measure little besides reconnects.
     */
    public static final Duration MIN_DROP_CONNECTION_EVERY = Duration.ofSeconds(1);

    /** No faults. */
    public static final FaultSettings NONE = new FaultSettings(null, 0, 0, 0, null, 1, Set.of());

    public FaultSettings {
        if (dropConnectionEvery != null && dropConnectionEvery.compareTo(MIN_DROP_CONNECTION_EVERY) < 0) {
            throw new IllegalArgumentException("drop connection period must be at least "
                    + MIN_DROP_CONNECTION_EVERY.toSeconds() + " s, got "
                    + SimulatorSettings.describe(dropConnectionEvery));
        }
        if (dropConnectionEvery != null) {
            SimulatorSettings.requireAtMost(
                    "drop connection period", dropConnectionEvery, SimulatorSettings.MAX_DURATION);
        }
        if (clockSkew != null) {
            SimulatorSettings.requireAtMost("clock skew", clockSkew, SimulatorSettings.MAX_DURATION);
        }
        requireRatio("duplicate ratio", duplicateRatio);
        requireRatio("out-of-order ratio", outOfOrderRatio);
        requireRatio("malformed ratio", malformedRatio);
        requireRatio("clock skew ratio", clockSkewRatio);
        clockSkewVehicles = Set.copyOf(clockSkewVehicles);
        if (clockSkew == null && (clockSkewRatio != 1 || !clockSkewVehicles.isEmpty())) {
            throw new IllegalArgumentException(
                    "a clock skew ratio or clock skew vehicles need a clock skew (--clock-skew) to apply");
        }
    }

    /** Returns whether this run injects any fault. */
    public boolean any() {
        return dropConnectionEvery != null
                || duplicateRatio > 0
                || outOfOrderRatio > 0
                || malformedRatio > 0
                || (clockSkew != null && !clockSkew.isZero());
    }

    /** Returns whether the fix times of {@code vehicleId} are shifted, given a uniform random draw from [0, 1). */
    public boolean skews(String vehicleId, double draw) {
        if (clockSkew == null || clockSkew.isZero()) {
            return false;
        }
        return clockSkewVehicles.isEmpty() ? draw < clockSkewRatio : clockSkewVehicles.contains(vehicleId);
    }

    private static void requireRatio(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [0, 1]");
        }
    }
}
