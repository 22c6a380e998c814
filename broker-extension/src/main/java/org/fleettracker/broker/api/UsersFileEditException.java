package org.fleettracker.broker.api;

/** A change to the users file that cannot be made as requested; the message names what to fix. */
public final class UsersFileEditException extends Exception {

    public UsersFileEditException(String message) {
        super(message);
    }

    public UsersFileEditException(String message, Throwable cause) {
        super(message, cause);
    }
}
