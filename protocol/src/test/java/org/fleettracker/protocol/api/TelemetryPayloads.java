package org.fleettracker.protocol.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A telemetry payload as JSON text, built field by field so a table row can set any raw JSON value. */
final class TelemetryPayloads {

    private final Map<String, String> rawFields = new LinkedHashMap<>();

    private TelemetryPayloads() {}

    /** A valid fix of vehicle {@code v-1} at 2026-12-04T09:15:30Z, 45.5 N 13.6 E, 42 km/h, heading 90. */
    static TelemetryPayloads valid() {
        return new TelemetryPayloads()
                .text("vehicleId", "v-1")
                .raw("seq", "7")
                .text("fixTime", "2026-12-04T10:15:30+01:00")
                .raw("latitudeDeg", "45.5")
                .raw("longitudeDeg", "13.6")
                .raw("speedKmh", "42.0")
                .raw("headingDeg", "90.0");
    }

    /** Sets a field to a raw JSON value, such as {@code 1e400} or {@code null}. */
    TelemetryPayloads raw(String field, String json) {
        rawFields.put(field, json);
        return this;
    }

    /** Sets a field to a JSON string; the value needs no escaping. */
    TelemetryPayloads text(String field, String value) {
        return raw(field, "\"" + value + "\"");
    }

    TelemetryPayloads without(String field) {
        rawFields.remove(field);
        return this;
    }

    String json() {
        StringJoiner joiner = new StringJoiner(",", "{", "}");
        rawFields.forEach((field, value) -> joiner.add("\"" + field + "\":" + value));
        return joiner.toString();
    }

    byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the payload with an unknown string field that pads it to exactly {@code size} bytes. */
    byte[] paddedTo(int size) {
        int overhead = bytes().length + ",\"padding\":\"\"".length();
        return raw("padding", "\"" + "x".repeat(size - overhead) + "\"").bytes();
    }
}
