package org.fleettracker.tracker.internal.http;

import org.jspecify.annotations.Nullable;

/** A request that the API rejects with 400 {@code bad_request}; the message is sent to the client. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final @Nullable String parameter;

    /**
     * Creates the exception.
     *
     * @param parameter the query parameter at fault, or null when the fault is not in one parameter
     */
    BadRequestException(@Nullable String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    BadRequestException(@Nullable String parameter, String message, Throwable cause) {
        super(message, cause, false, false);
        this.parameter = parameter;
    }

    @Nullable
    String parameter() {
        return parameter;
    }
}
