package org.fleettracker.tracker.internal.http;

/** Live checks of the parts the tracker needs. Implementations are thread-safe and fast. */
public interface HealthCheck {

    /** Returns whether the MQTT broker is running (embedded) or reachable (external). */
    boolean brokerUp();

    boolean databaseUp();

    /** Returns whether the tracker is connected and subscribed. */
    boolean subscriptionUp();

    /** Returns whether the ingest thread is running; it stops only at shutdown or after a fatal error. */
    default boolean ingestUp() {
        return true;
    }
}
