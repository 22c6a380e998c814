package org.fleettracker.console.internal.model;

import java.util.Locale;

/** What the console shows for a vehicle, combining its motion and its presence. */
public enum VehicleStatus {
    MOVING(0),
    /** Standing with the ignition off or not reported. */
    STOPPED(1),
    /** Standing with the ignition on. */
    IDLE(2),
    /**
     * Presence is {@code offline} (the vehicle's MQTT session ended), or the tracker marked the vehicle offline after
     * its offline timeout; its last position stays.
     */
    OFFLINE(4),
    /** Online, but no position has been received yet. */
    NO_FIX(3);

    private final int urgency;

    VehicleStatus(int urgency) {
        this.urgency = urgency;
    }

    /**
     * Returns how much the status needs a dispatcher's attention, higher first: offline above no fix above idle
     * above stopped above moving. An idling engine burns fuel for nothing, so it ranks above a plain stop.
     */
    public int urgency() {
        return urgency;
    }

    /** Returns the lower-case word shown in the table. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
