package org.fleettracker.simulator.internal.mqtt;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Map;

/**
 * A CONNACK reason code that connecting again cannot fix, so the vehicle stops trying.
 *
 * @param reasonCode the MQTT 5 CONNACK reason code, from 0x80 to 0xFF
 * @param reason the reason code's name in the MQTT 5 specification, in lower case
 */
public record ConnectRejection(int reasonCode, String reason) {

    /**
     * CONNACK reason codes (MQTT 5.0, section 3.2.2.2) whose cause lies in the client's own CONNECT. Codes such as
     * 0x88 server unavailable or 0x89 server busy are left out, because they may pass.
     */
    private static final Map<Integer, String> PERMANENT = Map.of(
            0x84, "unsupported protocol version",
            0x85, "client identifier not valid",
            0x86, "bad user name or password",
            0x87, "not authorized",
            0x8A, "banned",
            0x8C, "bad authentication method");

    /** Returns the rejection for a permanent CONNACK reason code, or null when connecting again may succeed. */
    public static @Nullable ConnectRejection ofPermanent(int reasonCode) {
        String reason = PERMANENT.get(reasonCode);
        return reason == null ? null : new ConnectRejection(reasonCode, reason);
    }

    /** Returns the reason code in hexadecimal, such as {@code 0x86}. */
    public String reasonCodeHex() {
        return String.format(Locale.ROOT, "0x%02X", reasonCode);
    }
}
