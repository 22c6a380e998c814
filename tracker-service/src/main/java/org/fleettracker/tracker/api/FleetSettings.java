package org.fleettracker.tracker.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Thresholds of the fleet rules that turn positions into status, events, trips and job progress
 * (docs/fleet-logic.md). Read from the properties-file keys with the prefix {@code fleet.}.
 *
 * @param tickInterval how often the time-based rules (offline, stale, idle, dwell, job at risk) run (default 1 s,
 *     key {@code fleet.tick-interval})
 * @param offlineTimeout a vehicle with no fix for this long, and no presence saying it is online, is offline
 *     (default 10 min, key {@code fleet.offline-timeout})
 * @param staleAfter a vehicle whose presence is online but whose latest fix is this old has stale data (default
 *     2 min, key {@code fleet.stale-after})
 * @param overspeedLimitKmh speed limit of vehicles that have no limit of their own; 0 turns the fleet-wide limit
 *     off (default 110, key {@code fleet.overspeed-limit-kmh})
 * @param overspeedMinDuration how long a vehicle must stay above its limit before an overspeed alert (default 20 s,
 *     key {@code fleet.overspeed-min-duration})
 * @param idleMaxDuration how long a vehicle may stand with the ignition on before an idle alert (default 5 min, key
 *     {@code fleet.idle-max-duration})
 * @param geofenceHysteresisM how far a vehicle must be inside a geofence to enter it, and outside to leave it, so a
 *     vehicle driving along the border raises no storm of events (default 25 m, key
 *     {@code fleet.geofence-hysteresis-m})
 * @param geofenceDwell how long a vehicle must stay inside a geofence before a dwell event, for geofences that set
 *     no dwell time of their own (default 10 min, key {@code fleet.geofence-dwell})
 * @param tripMinDistanceM movement shorter than this between two stops is no trip (default 300 m, key
 *     {@code fleet.trip-min-distance-m})
 * @param tripMinDuration movement shorter than this between two stops is no trip (default 60 s, key
 *     {@code fleet.trip-min-duration})
 * @param stopMinDuration a vehicle must stand still at least this long for a stop (default 3 min, key
 *     {@code fleet.stop-min-duration})
 * @param stopRadiusM fixes within this distance of where the vehicle halted count as standing still (default 50 m,
 *     key {@code fleet.stop-radius-m})
 * @param etaSpeedWindow ETAs use the vehicle's average speed over this recent period (default 10 min, key
 *     {@code fleet.eta-speed-window})
 * @param etaMinSpeedKmh ETAs assume at least this speed, so a vehicle waiting at a light gets a finite ETA
 *     (default 15, key {@code fleet.eta-min-speed-kmh})
 * @param distanceNoiseFloorM a slow fix (below the moving threshold) closer than this, or than twice its own
 *     accuracy radius, to the last counted fix is GPS jitter and adds no distance (default 30 m, key
 *     {@code fleet.distance-noise-floor-m})
 * @param onlineSilenceTimeout a vehicle whose presence is online but that sent no fix for this long is offline all
 *     the same, as when the gateway that published its presence died without a will for it (default 60 min, key
 *     {@code fleet.online-silence-timeout}); at least {@code offlineTimeout}
 */
public record FleetSettings(
        Duration tickInterval,
        Duration offlineTimeout,
        Duration staleAfter,
        double overspeedLimitKmh,
        Duration overspeedMinDuration,
        Duration idleMaxDuration,
        double geofenceHysteresisM,
        Duration geofenceDwell,
        double tripMinDistanceM,
        Duration tripMinDuration,
        Duration stopMinDuration,
        double stopRadiusM,
        Duration etaSpeedWindow,
        double etaMinSpeedKmh,
        double distanceNoiseFloorM,
        Duration onlineSilenceTimeout) {

    /** Keys after the {@code fleet.} prefix, in the order of the components. */
    public static final List<String> KEYS = List.of(
            "tick-interval",
            "offline-timeout",
            "stale-after",
            "overspeed-limit-kmh",
            "overspeed-min-duration",
            "idle-max-duration",
            "geofence-hysteresis-m",
            "geofence-dwell",
            "trip-min-distance-m",
            "trip-min-duration",
            "stop-min-duration",
            "stop-radius-m",
            "eta-speed-window",
            "eta-min-speed-kmh",
            "distance-noise-floor-m",
            "online-silence-timeout");

    public FleetSettings {
        requirePositive("tickInterval", tickInterval);
        requirePositive("offlineTimeout", offlineTimeout);
        requirePositive("staleAfter", staleAfter);
        requireNotNegative("overspeedLimitKmh", overspeedLimitKmh);
        requireNotNegative("overspeedMinDuration", overspeedMinDuration);
        requirePositive("idleMaxDuration", idleMaxDuration);
        requireNotNegative("geofenceHysteresisM", geofenceHysteresisM);
        requireNotNegative("geofenceDwell", geofenceDwell);
        requireNotNegative("tripMinDistanceM", tripMinDistanceM);
        requireNotNegative("tripMinDuration", tripMinDuration);
        requirePositive("stopMinDuration", stopMinDuration);
        requireNotNegative("stopRadiusM", stopRadiusM);
        requirePositive("etaSpeedWindow", etaSpeedWindow);
        if (!(etaMinSpeedKmh > 0) || Double.isInfinite(etaMinSpeedKmh)) {
            throw new IllegalArgumentException("etaMinSpeedKmh " + etaMinSpeedKmh + " must be above 0");
        }
        requireNotNegative("distanceNoiseFloorM", distanceNoiseFloorM);
        if (onlineSilenceTimeout.compareTo(offlineTimeout) < 0) {
            throw new IllegalArgumentException("onlineSilenceTimeout " + onlineSilenceTimeout
                    + " must be at least offlineTimeout " + offlineTimeout);
        }
    }

    public static FleetSettings defaults() {
        return new FleetSettings(
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                110,
                Duration.ofSeconds(20),
                Duration.ofMinutes(5),
                25,
                Duration.ofMinutes(10),
                300,
                Duration.ofSeconds(60),
                Duration.ofMinutes(3),
                50,
                Duration.ofMinutes(10),
                15,
                30,
                Duration.ofMinutes(60));
    }

    /**
     * Reads the keys of {@link #KEYS}; an absent key keeps its default. Durations take a unit as in
     * {@link IngestSettings#fromProperties}.
     *
     * @throws IllegalArgumentException on an unknown key or an invalid value
     */
    public static FleetSettings fromProperties(Properties properties) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown key '" + unknown.iterator().next() + "'; known: " + KEYS);
        }
        Map<String, String> values = new LinkedHashMap<>(defaults().asProperties());
        properties
                .stringPropertyNames()
                .forEach(key -> values.put(key, properties.getProperty(key).strip()));
        return new FleetSettings(
                duration(values, "tick-interval"),
                duration(values, "offline-timeout"),
                duration(values, "stale-after"),
                number(values, "overspeed-limit-kmh"),
                duration(values, "overspeed-min-duration"),
                duration(values, "idle-max-duration"),
                number(values, "geofence-hysteresis-m"),
                duration(values, "geofence-dwell"),
                number(values, "trip-min-distance-m"),
                duration(values, "trip-min-duration"),
                duration(values, "stop-min-duration"),
                number(values, "stop-radius-m"),
                duration(values, "eta-speed-window"),
                number(values, "eta-min-speed-kmh"),
                number(values, "distance-noise-floor-m"),
                duration(values, "online-silence-timeout"));
    }

    /** Returns every setting under its key, durations in ISO-8601, for logs and {@link #fromProperties}. */
    public Map<String, String> asProperties() {
        List<Object> components = List.of(
                tickInterval,
                offlineTimeout,
                staleAfter,
                overspeedLimitKmh,
                overspeedMinDuration,
                idleMaxDuration,
                geofenceHysteresisM,
                geofenceDwell,
                tripMinDistanceM,
                tripMinDuration,
                stopMinDuration,
                stopRadiusM,
                etaSpeedWindow,
                etaMinSpeedKmh,
                distanceNoiseFloorM,
                onlineSilenceTimeout);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            map.put(KEYS.get(i), String.valueOf(components.get(i)));
        }
        return map;
    }

    /** Returns a copy with one setting replaced, as if the properties file set {@code key} to {@code value}. */
    public FleetSettings with(String key, String value) {
        Properties properties = new Properties();
        properties.putAll(asProperties());
        properties.setProperty(key, value);
        return fromProperties(properties);
    }

    private static Duration duration(Map<String, String> values, String key) {
        try {
            return IngestSettings.parseDuration(values.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> values, String key) {
        String raw = values.get(key);
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + raw + "' is not a number", e);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " " + value + " must be above 0");
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " " + value + " must not be negative");
        }
    }

    private static void requireNotNegative(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " " + value + " is not a finite number");
        }
        if (value < 0) {
            throw new IllegalArgumentException(name + " " + value + " must not be negative");
        }
    }
}
