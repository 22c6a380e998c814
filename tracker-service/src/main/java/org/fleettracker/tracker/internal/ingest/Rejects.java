package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.RejectReason;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;

/** Builds {@link Reject} values from inbound messages. */
final class Rejects {

    private Rejects() {}

    static Decoded.Rejected of(
            InboundMessage message, String fleetId, @Nullable String vehicleId, RejectReason reason, String detail) {
        return new Decoded.Rejected(
                message,
                new Reject(
                        fleetId,
                        vehicleId,
                        message.topic(),
                        reason,
                        detail,
                        message.receivedTime(),
                        excerpt(message.payload())));
    }

    /**
     * Returns the start of the payload as UTF-8 text, invalid bytes replaced, at most 256 characters and cut
     * between code points, so it never ends in half a surrogate pair.
     */
    static String excerpt(byte[] payload) {
        // Decoding at most 4 bytes per character is enough for 256 characters.
        int length = Math.min(payload.length, Reject.MAX_EXCERPT_CHARS * 4);
        String text = new String(payload, 0, length, StandardCharsets.UTF_8);
        if (text.length() <= Reject.MAX_EXCERPT_CHARS) {
            return text;
        }
        int end = Reject.MAX_EXCERPT_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
