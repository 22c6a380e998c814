package org.fleettracker.console.internal.mqtt;

/** The tracker's HTTP API rejected the credentials or the token (401 or 403); retrying them cannot succeed. */
final class TokenRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    TokenRefusedException(String message) {
        super(message);
    }
}
