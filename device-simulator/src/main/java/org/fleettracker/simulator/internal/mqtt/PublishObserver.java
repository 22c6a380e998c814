package org.fleettracker.simulator.internal.mqtt;

/**
 * Receives the telemetry publishes of one {@link VehicleLink}. The link calls it on its serial executor, so the calls
 * of one link never overlap; they must return quickly.
 */
public interface PublishObserver {

    /** An observer that ignores every call. */
    PublishObserver NONE = new PublishObserver() {
        @Override
        public void publishing(long seq) {}

        @Override
        public void acknowledged(long seq) {}
    };

    /** Called just before the fix is handed to the MQTT client, again for each resend of the same fix. */
    void publishing(long seq);

    /** Called when the broker acknowledged the fix with a success reason code. */
    void acknowledged(long seq);
}
