package org.fleettracker.protocol.api;

/**
 * A payload that breaks a rule of the contract, with the reject reason; {@link PayloadCodec} and
 * {@link TelemetryCodec} turn it into a rejected result.
 */
final class InvalidPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    InvalidPayloadException(RejectReason reason, String detail) {
        // No stack trace: the exception reports bad input, not a bug, and may be thrown for every message.
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
