package org.fleettracker.protocol.api;

/**
 * Outcome of decoding one JSON payload with {@link PayloadCodec}: a valid value, or a reject with its reason.
 *
 * @param <T> the payload type
 */
public sealed interface PayloadResult<T> {

    /** A payload that decoded to a valid value. */
    record Accepted<T>(T value) implements PayloadResult<T> {}

    /** A payload that was rejected; {@code detail} names the field and value at fault. */
    record Rejected<T>(RejectReason reason, String detail) implements PayloadResult<T> {}
}
