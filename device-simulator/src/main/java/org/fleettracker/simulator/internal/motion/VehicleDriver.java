package org.fleettracker.simulator.internal.motion;

/** The motion of one simulated vehicle, stepped by its feed. Not thread-safe: one caller steps it. */
public interface VehicleDriver {

    /** Returns where the vehicle is now, without moving it. */
    MotionFix current();

    /** Drives for {@code durationS} seconds and returns the new fix. */
    MotionFix advance(double durationS);

    /** Returns whether the vehicle stays at a place on purpose; a wait at an intersection does not count. */
    boolean isDwelling();
}
