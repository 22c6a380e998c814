package org.fleettracker.broker.api;

import org.jspecify.annotations.Nullable;

/**
 * Counters of the broker extension, registered in HiveMQ's metric registry (Dropwizard) under {@link #metricName()},
 * so that a standalone HiveMQ exposes them through its own metric reporters too.
 *
 * <p>{@link #meterName()} and {@link #reason()} name the counter in Micrometer: the failed authentications share one
 * meter, {@code broker.authentications.failed}, with the reason as tag.
 */
public enum SecurityCounter {
    CONNECTS("connects", "Clients that authenticated successfully", null),
    AUTHENTICATIONS_FAILED_MISSING_CREDENTIALS("authentications.failed", "missing-credentials"),
    AUTHENTICATIONS_FAILED_UNKNOWN_USER("authentications.failed", "unknown-user"),
    AUTHENTICATIONS_FAILED_WRONG_PASSWORD("authentications.failed", "wrong-password"),
    AUTHENTICATIONS_FAILED_INVALID_TOKEN("authentications.failed", "invalid-token"),
    AUTHENTICATIONS_FAILED_INVALID_CLIENT_ID("authentications.failed", "invalid-client-id"),
    AUTHENTICATIONS_FAILED_DUPLICATE_CLIENT_ID("authentications.failed", "duplicate-client-id"),
    AUTHENTICATIONS_FAILED_NOT_CONFIGURED("authentications.failed", "not-configured"),
    AUTHENTICATIONS_FAILED_OTHER("authentications.failed", "other"),
    LOGINS_THROTTLED(
            "logins.throttled", "CONNECTs rejected unchecked because their client id or address is locked out", null),
    CLIENT_IDS_TAKEN_OVER(
            "client-ids.taken-over", "Connections closed because a new one took over their client id", null),
    PUBLISHES_DENIED("publishes.denied", "PUBLISH packets and will messages denied by the authorizer", null),
    SUBSCRIBES_DENIED("subscribes.denied", "Topic filters of SUBSCRIBE packets denied by the authorizer", null),
    PUBLISHES_RATE_LIMITED(
            "publishes.rate-limited", "PUBLISH packets not delivered because the client's rate is exceeded", null),
    PUBLISHES_OVERSIZE("publishes.oversize", "PUBLISH packets not delivered because their payload is too large", null),
    LIMIT_DISCONNECTS(
            "disconnects.limit", "Clients disconnected for exceeding the rate or size limit persistently", null),
    DISCONNECTS("disconnects", "Connections that ended, for any reason", null);

    /** Prefix of every {@link #metricName()}. */
    public static final String METRIC_PREFIX = "org.fleettracker.broker.";

    private static final String FAILED_DESCRIPTION =
            "CONNECTs rejected after their credentials were checked, by reason";

    private final String metricName;
    private final String meterName;
    private final String description;
    private final @Nullable String reason;

    SecurityCounter(String name, String description, @Nullable String reason) {
        this.metricName = METRIC_PREFIX + name;
        this.meterName = "broker." + name;
        this.description = description;
        this.reason = reason;
    }

    SecurityCounter(String name, String reason) {
        this.metricName = METRIC_PREFIX + name + "." + reason;
        this.meterName = "broker." + name;
        this.description = FAILED_DESCRIPTION;
        this.reason = reason;
    }

    /** Returns the name in HiveMQ's metric registry, such as {@code org.fleettracker.broker.connects}. */
    public String metricName() {
        return metricName;
    }

    /** Returns the Micrometer meter name, such as {@code broker.authentications.failed}. */
    public String meterName() {
        return meterName;
    }

    public String description() {
        return description;
    }

    /** Returns the value of the {@code reason} tag, or null for a counter without one. */
    public @Nullable String reason() {
        return reason;
    }
}
