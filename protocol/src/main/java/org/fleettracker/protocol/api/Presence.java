package org.fleettracker.protocol.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Payload of a presence topic: the plain UTF-8 text {@code online} or {@code offline}. */
public enum Presence {
    ONLINE,
    OFFLINE;

    /** Returns the payload text, {@code online} or {@code offline}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public byte[] payload() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a presence payload; surrounding white space is ignored, case is not. */
    public static Optional<Presence> parse(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        for (Presence presence : values()) {
            if (presence.text().equals(text)) {
                return Optional.of(presence);
            }
        }
        return Optional.empty();
    }
}
