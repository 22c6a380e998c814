package org.fleettracker.simulator.api;

import java.util.Locale;

/**
 * A vehicle that stopped connecting because the broker's CONNACK carried a reason code that connecting again cannot
 * fix: 0x84 unsupported protocol version, 0x85 client identifier not valid, 0x86 bad user name or password, 0x87 not
 * authorized, 0x8A banned or 0x8C bad authentication method.
 *
 * @param vehicleId the vehicle, which is also its MQTT client id
 * @param brokerUrl the broker that rejected it
 * @param reasonCode the MQTT 5 CONNACK reason code
 * @param reason the reason code's name in the MQTT 5 specification, in lower case, such as "not authorized"
 */
public record RejectedVehicle(String vehicleId, String brokerUrl, int reasonCode, String reason) {

    /** Returns the reason code in hexadecimal, such as {@code 0x86}. */
    public String reasonCodeHex() {
        return String.format(Locale.ROOT, "0x%02X", reasonCode);
    }
}
