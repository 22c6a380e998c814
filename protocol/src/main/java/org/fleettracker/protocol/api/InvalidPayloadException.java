package org.fleettracker.protocol.api;

/**
 * A payload that breaks a rule of the contract, with the reject reason. {@link PayloadCodec} and
 * {@link TelemetryCodec} turn it into a rejected result.
 */
final class InvalidPayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    InvalidPayloadException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** Skips the stack trace: the exception reports bad input, not a bug, and may be thrown for every message. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    RejectReason reason() {
        return reason;
    }
}
