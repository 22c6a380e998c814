package org.fleettracker.console.internal.model;

import java.util.Locale;

/** What the console shows for a vehicle, combining its motion and its presence. */
public enum VehicleStatus {
    MOVING,
    STOPPED,
    /**
     * Presence is {@code offline} (the vehicle's MQTT session ended), or the tracker marked the vehicle offline after
     * its offline timeout; its last position stays.
     */
    OFFLINE,
    /** Online, but no position has been received yet. */
    NO_FIX;

    /** Returns the lower-case word shown in the table. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
