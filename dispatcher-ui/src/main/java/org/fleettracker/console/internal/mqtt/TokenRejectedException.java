package org.fleettracker.console.internal.mqtt;

/** The tracker's HTTP API rejected the credentials or the token (401 or 403), so retrying them cannot succeed. */
final class TokenRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    TokenRejectedException(String message) {
        super(message);
    }
}
