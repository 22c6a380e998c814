package org.fleettracker.broker.api;

import org.fleettracker.broker.internal.users.Role;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of {@code conf/security.properties} and of the {@code security.} keys of the tracker's properties file.
 * Each key sets one component of {@link SecuritySettings}; the extension's {@code conf/README.txt} lists them.
 */
final class SecuritySettingsKeys {

    static final String MAX_FAILURES_PER_CLIENT_ID = "login.max-failures-per-client-id";
    static final String MAX_FAILURES_PER_ADDRESS = "login.max-failures-per-address";
    static final String FAILURE_WINDOW_SECONDS = "login.failure-window-seconds";
    static final String LOCKOUT_INITIAL_SECONDS = "login.lockout-initial-seconds";
    static final String LOCKOUT_MAX_SECONDS = "login.lockout-max-seconds";
    static final String MAX_TRACKED_KEYS = "login.max-tracked-keys";
    static final String DUPLICATE_POLICY = "client-id.duplicate-policy";
    static final String MAX_PAYLOAD_BYTES = "publish.max-payload-bytes";
    static final String RATE_PREFIX = "publish.rate.";
    static final String PER_SECOND_SUFFIX = ".per-second";
    static final String BURST_SUFFIX = ".burst";
    static final String MAX_VIOLATIONS = "publish.max-violations";
    static final String VIOLATION_WINDOW_SECONDS = "publish.violation-window-seconds";
    static final String LOG_MAX_LINES_PER_KEY = "log.max-lines-per-key";
    static final String LOG_WINDOW_SECONDS = "log.window-seconds";

    private static final String UNLIMITED = "unlimited";

    private SecuritySettingsKeys() {}

    /** Applies every key of {@code properties} to {@code builder}. */
    static SecuritySettings.Builder apply(Properties properties, SecuritySettings.Builder builder) {
        rejectUnknownKeys(properties);
        SecuritySettings current = builder.build();
        Reader reader = new Reader(properties);
        builder.maxFailedLoginsPerClientId(
                reader.integer(MAX_FAILURES_PER_CLIENT_ID, current.maxFailedLoginsPerClientId()));
        builder.maxFailedLoginsPerAddress(
                reader.integer(MAX_FAILURES_PER_ADDRESS, current.maxFailedLoginsPerAddress()));
        builder.failedLoginWindow(reader.seconds(FAILURE_WINDOW_SECONDS, current.failedLoginWindow()));
        builder.lockout(
                reader.seconds(LOCKOUT_INITIAL_SECONDS, current.lockoutInitial()),
                reader.seconds(LOCKOUT_MAX_SECONDS, current.lockoutMax()));
        builder.maxTrackedLoginKeys(reader.integer(MAX_TRACKED_KEYS, current.maxTrackedLoginKeys()));
        builder.duplicateClientIdPolicy(reader.policy(DUPLICATE_POLICY, current.duplicateClientIdPolicy()));
        builder.maxPayloadBytes(reader.integer(MAX_PAYLOAD_BYTES, current.maxPayloadBytes()));
        for (Role role : Role.values()) {
            builder.publishRateLimit(
                    role.fileName(), reader.rateLimit(role, current.publishRateLimit(role.fileName())));
        }
        builder.limitViolations(
                reader.integer(MAX_VIOLATIONS, current.maxLimitViolations()),
                reader.seconds(VIOLATION_WINDOW_SECONDS, current.limitViolationWindow()));
        builder.logRepeats(
                reader.integer(LOG_MAX_LINES_PER_KEY, current.maxLogLinesPerKey()),
                reader.seconds(LOG_WINDOW_SECONDS, current.logWindow()));
        return builder;
    }

    /** Returns every key that {@link #apply(Properties, SecuritySettings.Builder)} reads. */
    static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(List.of(
                MAX_FAILURES_PER_CLIENT_ID,
                MAX_FAILURES_PER_ADDRESS,
                FAILURE_WINDOW_SECONDS,
                LOCKOUT_INITIAL_SECONDS,
                LOCKOUT_MAX_SECONDS,
                MAX_TRACKED_KEYS,
                DUPLICATE_POLICY,
                MAX_PAYLOAD_BYTES,
                MAX_VIOLATIONS,
                VIOLATION_WINDOW_SECONDS,
                LOG_MAX_LINES_PER_KEY,
                LOG_WINDOW_SECONDS));
        for (Role role : Role.values()) {
            keys.add(RATE_PREFIX + role.fileName() + PER_SECOND_SUFFIX);
            keys.add(RATE_PREFIX + role.fileName() + BURST_SUFFIX);
        }
        return keys;
    }

    private static void rejectUnknownKeys(Properties properties) {
        Set<String> known = knownKeys();
        List<String> unknown = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new IllegalArgumentException(
                    "Unknown security settings " + unknown + "; known keys: " + String.join(", ", known));
        }
    }

    /** Parses the values of one properties file, naming the key and the value in every error. */
    private record Reader(Properties properties) {

        int integer(String key, int defaultValue) {
            String value = properties.getProperty(key);
            if (value == null) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number");
            }
        }

        Duration seconds(String key, Duration defaultValue) {
            String value = properties.getProperty(key);
            if (value == null) {
                return defaultValue;
            }
            try {
                long seconds = Long.parseLong(value.strip());
                if (seconds < 1) {
                    throw invalid(key, value, "a number of seconds of at least 1");
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number of seconds");
            }
        }

        DuplicateClientIdPolicy policy(String key, DuplicateClientIdPolicy defaultValue) {
            String value = properties.getProperty(key);
            if (value == null) {
                return defaultValue;
            }
            return DuplicateClientIdPolicy.fromSettingName(value.strip())
                    .orElseThrow(() -> invalid(key, value, "one of " + DuplicateClientIdPolicy.settingNames()));
        }

        PublishRateLimit rateLimit(Role role, PublishRateLimit defaultValue) {
            String rateKey = RATE_PREFIX + role.fileName() + PER_SECOND_SUFFIX;
            String burstKey = RATE_PREFIX + role.fileName() + BURST_SUFFIX;
            String rate = properties.getProperty(rateKey);
            double messagesPerSecond = defaultValue.messagesPerSecond();
            if (rate != null) {
                messagesPerSecond = perSecond(rateKey, rate);
            }
            if (Double.isInfinite(messagesPerSecond)) {
                return PublishRateLimit.UNLIMITED;
            }
            int defaultBurst = defaultValue.unlimited() ? (int) Math.ceil(messagesPerSecond) : defaultValue.burst();
            int burst = integer(burstKey, defaultBurst);
            try {
                return new PublishRateLimit(messagesPerSecond, burst);
            } catch (IllegalArgumentException e) {
                throw invalid(burstKey, Integer.toString(burst), "at least 1");
            }
        }

        private static double perSecond(String key, String value) {
            if (UNLIMITED.equals(value.strip())) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                double parsed = Double.parseDouble(value.strip());
                if (!(parsed > 0) || Double.isInfinite(parsed)) {
                    throw invalid(key, value, "a number above 0 or '" + UNLIMITED + "'");
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a number above 0 or '" + UNLIMITED + "'");
            }
        }

        private static IllegalArgumentException invalid(String key, String value, String expected) {
            return new IllegalArgumentException(
                    "Security setting " + key + " has the invalid value '" + value + "'; expected " + expected);
        }
    }
}
