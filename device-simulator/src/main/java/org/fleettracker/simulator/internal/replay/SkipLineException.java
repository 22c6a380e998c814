package org.fleettracker.simulator.internal.replay;

/** Thrown by a reader's line parser so that the reader skips the line and records the reason. */
final class SkipLineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    SkipLineException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    String detail() {
        return getMessage() == null ? "" : getMessage();
    }
}
