package org.fleettracker.tracker.internal.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Detects that the broker stopped delivering to the tracker while other clients keep publishing, and reconnects.
 *
 * <p>HiveMQ CE 2025.5 can stop delivering on a shared QoS 1 subscription after a restart with a backlog, while it
 * still acknowledges the publishers; a new connection of the subscriber resumes delivery. Call {@link #check()}
 * at a fixed period from one thread. Not thread-safe.
 */
public final class DeliveryWatchdog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWatchdog.class);

    private final LongSupplier brokerIncomingPublishes;
    private final LongSupplier trackerPublishes;
    private final LongSupplier trackerReceived;
    private final Runnable reconnect;
    private final BooleanSupplier holdingAcknowledgements;
    private final int quietChecksBeforeReconnect;
    private long lastOthersPublishes;
    private long lastReceived;
    private int quietChecks;
    /** Written by the checking thread only, read by the metrics scrape. */
    private volatile long reconnects;

    /**
     * @param brokerIncomingPublishes PUBLISH packets the broker received from all clients, the tracker included
     * @param trackerPublishes PUBLISH packets the tracker sent
     * @param trackerReceived PUBLISH packets the tracker received
     * @param holdingAcknowledgements whether the tracker itself holds back its PUBACKs, as while its commits fail; the
     *     broker then rightly waits, so such checks do not count as quiet
     * @param quietChecksBeforeReconnect consecutive checks in which others published and the tracker received
     *     nothing, before it reconnects
     */
    public DeliveryWatchdog(
            LongSupplier brokerIncomingPublishes,
            LongSupplier trackerPublishes,
            LongSupplier trackerReceived,
            BooleanSupplier holdingAcknowledgements,
            Runnable reconnect,
            int quietChecksBeforeReconnect) {
        if (quietChecksBeforeReconnect < 1) {
            throw new IllegalArgumentException(
                    "quietChecksBeforeReconnect must be at least 1, got " + quietChecksBeforeReconnect);
        }
        this.brokerIncomingPublishes = brokerIncomingPublishes;
        this.trackerPublishes = trackerPublishes;
        this.trackerReceived = trackerReceived;
        this.holdingAcknowledgements = holdingAcknowledgements;
        this.reconnect = reconnect;
        this.quietChecksBeforeReconnect = quietChecksBeforeReconnect;
        this.lastOthersPublishes = othersPublishes();
        this.lastReceived = trackerReceived.getAsLong();
    }

    /** Compares the counters with the previous check and reconnects when delivery has stalled. */
    public void check() {
        long others = othersPublishes();
        long received = trackerReceived.getAsLong();
        boolean othersPublished = others > lastOthersPublishes;
        boolean nothingReceived = received == lastReceived;
        lastOthersPublishes = others;
        lastReceived = received;
        boolean stalled = othersPublished && nothingReceived && !holdingAcknowledgements.getAsBoolean();
        quietChecks = stalled ? quietChecks + 1 : 0;
        if (quietChecks < quietChecksBeforeReconnect) {
            return;
        }
        quietChecks = 0;
        reconnects = reconnects + 1;
        log.warn(
                "The broker received publishes but delivered none to the tracker in {} checks; reconnecting the"
                        + " tracker's MQTT client to resume delivery",
                quietChecksBeforeReconnect);
        try {
            reconnect.run();
        } catch (RuntimeException e) {
            log.error("Reconnecting the tracker's MQTT client failed: {}", e.getMessage());
            log.debug("Reconnect failure", e);
        }
    }

    /** Returns how many times the watchdog reconnected. */
    public long reconnects() {
        return reconnects;
    }

    private long othersPublishes() {
        return brokerIncomingPublishes.getAsLong() - trackerPublishes.getAsLong();
    }
}
