package org.fleettracker.protocol.api;

/** Outcome of decoding one telemetry payload: a valid fix, or a reject with its reason. */
public sealed interface DecodeResult {

    /** A payload that decoded to a valid fix. */
    record Accepted(Telemetry telemetry) implements DecodeResult {}

    /** A payload that was rejected; {@code detail} names the field and value at fault. */
    record Rejected(RejectReason reason, String detail) implements DecodeResult {}
}
