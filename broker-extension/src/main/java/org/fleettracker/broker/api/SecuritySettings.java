package org.fleettracker.broker.api;

import org.fleettracker.broker.internal.users.Role;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Limits of the broker extension that an operator can change: failed-login throttling, the duplicate client id
 * policy, the payload size limit, publish rates per role and the repeat limit of the connections log. Build one with
 * {@link #builder()} or read one with {@link #fromProperties(Properties)}; {@link #defaults()} suits a fleet of
 * vehicles that send one fix per second.
 *
 * @param maxFailedLoginsPerClientId failed logins of one client id within {@code failedLoginWindow} that lock that
 *     client id out (default 5)
 * @param maxFailedLoginsPerAddress failed logins from one IP address within {@code failedLoginWindow} that lock that
 *     address out; every client behind the same NAT shares it (default 20)
 * @param failedLoginWindow sliding window in which failed logins are counted (default 60 s)
 * @param lockoutInitial length of the first lockout of a client id or address; it doubles with each further lockout
 *     (default 30 s)
 * @param lockoutMax longest lockout; a key that stays quiet for this long after a lockout starts again at {@code
 *     lockoutInitial} (default 15 min)
 * @param maxTrackedLoginKeys client ids and addresses whose failed logins are remembered; the least recently used is
 *     forgotten beyond it (default 10,000)
 * @param duplicateClientIdPolicy what happens when a client id that is connected connects again (default takeover)
 * @param maxPayloadBytes largest PUBLISH payload that is delivered, in bytes (default 16,384)
 * @param publishRateLimits rate limit of each role, by role (default vehicle and owntracks 50 msg/s with burst 1,000,
 *     gateway 5,000 msg/s with burst 50,000,
 *     dispatcher and viewer 10 msg/s with burst 100, tracker and admin unlimited)
 * @param maxLimitViolations PUBLISH packets over the rate or size limit within {@code limitViolationWindow} after
 *     which the client is disconnected (default 200)
 * @param limitViolationWindow window in which limit violations are counted (default 10 s)
 * @param maxLogLinesPerKey lines the connections log writes per event kind and client id (or address, for failed and
 *     throttled logins) within {@code logWindow}; further ones are counted and summarized (default 10)
 * @param logWindow window of {@code maxLogLinesPerKey} (default 60 s)
 */
public record SecuritySettings(
        int maxFailedLoginsPerClientId,
        int maxFailedLoginsPerAddress,
        Duration failedLoginWindow,
        Duration lockoutInitial,
        Duration lockoutMax,
        int maxTrackedLoginKeys,
        DuplicateClientIdPolicy duplicateClientIdPolicy,
        int maxPayloadBytes,
        Map<String, PublishRateLimit> publishRateLimits,
        int maxLimitViolations,
        Duration limitViolationWindow,
        int maxLogLinesPerKey,
        Duration logWindow) {

    public SecuritySettings {
        requireAtLeast("maxFailedLoginsPerClientId", maxFailedLoginsPerClientId, 1);
        requireAtLeast("maxFailedLoginsPerAddress", maxFailedLoginsPerAddress, 1);
        requirePositive("failedLoginWindow", failedLoginWindow);
        requirePositive("lockoutInitial", lockoutInitial);
        requirePositive("lockoutMax", lockoutMax);
        if (lockoutMax.compareTo(lockoutInitial) < 0) {
            throw new IllegalArgumentException(
                    "lockoutMax " + lockoutMax + " must not be shorter than lockoutInitial " + lockoutInitial);
        }
        requireAtLeast("maxTrackedLoginKeys", maxTrackedLoginKeys, 1);
        Objects.requireNonNull(duplicateClientIdPolicy, "duplicateClientIdPolicy");
        requireAtLeast("maxPayloadBytes", maxPayloadBytes, 1);
        publishRateLimits = completeRateLimits(publishRateLimits);
        requireAtLeast("maxLimitViolations", maxLimitViolations, 1);
        requirePositive("limitViolationWindow", limitViolationWindow);
        requireAtLeast("maxLogLinesPerKey", maxLogLinesPerKey, 1);
        requirePositive("logWindow", logWindow);
    }

    /** Returns the default settings. */
    public static SecuritySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads settings from the keys of {@code conf/security.properties} (see {@link SecuritySettingsKeys}); a missing
     * key keeps its default.
     *
     * @throws IllegalArgumentException naming the key and the value when a key is unknown or a value is invalid
     */
    public static SecuritySettings fromProperties(Properties properties) {
        return SecuritySettingsKeys.apply(properties, builder()).build();
    }

    /** Returns the rate limit of the role with settings name {@code role}, such as {@code vehicle}. */
    public PublishRateLimit publishRateLimit(String role) {
        PublishRateLimit limit = publishRateLimits.get(role);
        if (limit == null) {
            throw new IllegalArgumentException("Unknown role '" + role + "'; known roles: " + Role.fileNames());
        }
        return limit;
    }

    private static Map<String, PublishRateLimit> completeRateLimits(Map<String, PublishRateLimit> limits) {
        Set<String> unknown = new TreeSet<>(limits.keySet());
        Map<Role, PublishRateLimit> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            unknown.remove(role.fileName());
            byRole.put(role, limits.getOrDefault(role.fileName(), Builder.defaultRateLimit(role)));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "publishRateLimits has unknown roles " + unknown + "; known roles: " + Role.fileNames());
        }
        Map<String, PublishRateLimit> complete = new TreeMap<>();
        byRole.forEach((role, limit) -> complete.put(role.fileName(), limit));
        return Map.copyOf(complete);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than 0, got " + value);
        }
    }

    /** Mutable builder of {@link SecuritySettings}; starts from the defaults. */
    public static final class Builder {
        private int maxFailedLoginsPerClientId = 5;
        private int maxFailedLoginsPerAddress = 20;
        private Duration failedLoginWindow = Duration.ofMinutes(1);
        private Duration lockoutInitial = Duration.ofSeconds(30);
        private Duration lockoutMax = Duration.ofMinutes(15);
        private int maxTrackedLoginKeys = 10_000;
        private DuplicateClientIdPolicy duplicateClientIdPolicy = DuplicateClientIdPolicy.TAKEOVER;
        private int maxPayloadBytes = 16 * 1024;
        private final Map<String, PublishRateLimit> publishRateLimits = new TreeMap<>();
        private int maxLimitViolations = 200;
        private Duration limitViolationWindow = Duration.ofSeconds(10);
        private int maxLogLinesPerKey = 10;
        private Duration logWindow = Duration.ofMinutes(1);

        private Builder() {}

        private Builder(SecuritySettings settings) {
            maxFailedLoginsPerClientId = settings.maxFailedLoginsPerClientId;
            maxFailedLoginsPerAddress = settings.maxFailedLoginsPerAddress;
            failedLoginWindow = settings.failedLoginWindow;
            lockoutInitial = settings.lockoutInitial;
            lockoutMax = settings.lockoutMax;
            maxTrackedLoginKeys = settings.maxTrackedLoginKeys;
            duplicateClientIdPolicy = settings.duplicateClientIdPolicy;
            maxPayloadBytes = settings.maxPayloadBytes;
            publishRateLimits.putAll(settings.publishRateLimits);
            maxLimitViolations = settings.maxLimitViolations;
            limitViolationWindow = settings.limitViolationWindow;
            maxLogLinesPerKey = settings.maxLogLinesPerKey;
            logWindow = settings.logWindow;
        }

        public Builder maxFailedLoginsPerClientId(int count) {
            this.maxFailedLoginsPerClientId = count;
            return this;
        }

        public Builder maxFailedLoginsPerAddress(int count) {
            this.maxFailedLoginsPerAddress = count;
            return this;
        }

        public Builder failedLoginWindow(Duration window) {
            this.failedLoginWindow = window;
            return this;
        }

        /** Sets the first lockout and the longest one. */
        public Builder lockout(Duration initial, Duration max) {
            this.lockoutInitial = initial;
            this.lockoutMax = max;
            return this;
        }

        public Builder maxTrackedLoginKeys(int count) {
            this.maxTrackedLoginKeys = count;
            return this;
        }

        public Builder duplicateClientIdPolicy(DuplicateClientIdPolicy policy) {
            this.duplicateClientIdPolicy = policy;
            return this;
        }

        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** Sets the rate limit of the role with settings name {@code role}, such as {@code vehicle}. */
        public Builder publishRateLimit(String role, PublishRateLimit limit) {
            this.publishRateLimits.put(role, limit);
            return this;
        }

        /** Sets how many limit violations within {@code window} disconnect a client. */
        public Builder limitViolations(int max, Duration window) {
            this.maxLimitViolations = max;
            this.limitViolationWindow = window;
            return this;
        }

        /** Sets how many lines per event kind and key the connections log writes within {@code window}. */
        public Builder logRepeats(int maxLinesPerKey, Duration window) {
            this.maxLogLinesPerKey = maxLinesPerKey;
            this.logWindow = window;
            return this;
        }

        /**
         * @throws IllegalArgumentException when a value is out of range
         */
        public SecuritySettings build() {
            return new SecuritySettings(
                    maxFailedLoginsPerClientId,
                    maxFailedLoginsPerAddress,
                    failedLoginWindow,
                    lockoutInitial,
                    lockoutMax,
                    maxTrackedLoginKeys,
                    duplicateClientIdPolicy,
                    maxPayloadBytes,
                    publishRateLimits,
                    maxLimitViolations,
                    limitViolationWindow,
                    maxLogLinesPerKey,
                    logWindow);
        }

        /**
         * Returns the default limit of {@code role}. A vehicle sends one fix per second but flushes its outbox after
         * an outage, so its limit leaves room for a burst of 1,000 fixes and a sustained 50 msg/s. A gateway's default
         * fits 5,000 such vehicles on one connection.
         */
        static PublishRateLimit defaultRateLimit(Role role) {
            return switch (role) {
                case VEHICLE, OWNTRACKS -> new PublishRateLimit(50, 1_000);
                case GATEWAY -> new PublishRateLimit(5_000, 50_000);
                case DISPATCHER, VIEWER -> new PublishRateLimit(10, 100);
                case TRACKER, ADMIN -> PublishRateLimit.UNLIMITED;
            };
        }
    }
}
