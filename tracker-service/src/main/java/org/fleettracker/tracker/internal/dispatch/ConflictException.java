package org.fleettracker.tracker.internal.dispatch;

/** A request that conflicts with what is stored, such as a reused id with a different body; HTTP 409. */
public final class ConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
