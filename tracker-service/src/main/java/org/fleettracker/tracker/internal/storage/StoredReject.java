package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Reject;

/**
 * A reject with the raw payload it refused; the store keeps the payload's size and at most its first
 * {@link RejectStore#MAX_PAYLOAD_HEAD_BYTES} bytes.
 */
public record StoredReject(Reject reject, byte[] payload) {}
