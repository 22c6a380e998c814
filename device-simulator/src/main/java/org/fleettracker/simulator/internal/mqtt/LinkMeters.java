package org.fleettracker.simulator.internal.mqtt;

/**
 * Receives the connection and publish events of every vehicle link of a run, for its meters. The links call it on
 * their serial executors, so calls of different links overlap; implementations are thread-safe and return quickly.
 */
public interface LinkMeters {

    /** Meters that ignore every event. */
    LinkMeters NONE = new LinkMeters() {
        @Override
        public void connected(boolean reconnect) {}

        @Override
        public void connectFailed() {}

        @Override
        public void connectionLost() {}

        @Override
        public void acknowledged(long publishToAckNanos) {}
    };

    /** A connection came up: the link's first one, or again after a loss when {@code reconnect} is true. */
    void connected(boolean reconnect);

    /** A connect attempt failed; the link tries again later unless the broker rejected it for good. */
    void connectFailed();

    /** An open connection dropped or the broker closed it; the link reconnects with backoff. */
    void connectionLost();

    /** The broker acknowledged a telemetry publish with a success code, {@code publishToAckNanos} after its send. */
    void acknowledged(long publishToAckNanos);
}
