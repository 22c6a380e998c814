package org.fleettracker.protocol.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fleettracker.protocol.api.TelemetryPayloads.valid;

/**
 * One row per class of telemetry input (malformed, coordinates, times, units and ranges) with its verdict, which is
 * {@code accepted} or the reject code. {@link TelemetryConversionsTest} checks what the accepted rows decode to.
 */
class TelemetryInputClassesTest {

    private static final String ACCEPTED = "accepted";

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("inputClasses")
    void input_class_gets_its_verdict(String name, byte[] payload, String expected) {
        DecodeResult result = TelemetryCodec.decode(payload, "v-1");

        String verdict = result instanceof DecodeResult.Rejected rejected
                ? rejected.reason().code()
                : ACCEPTED;
        assertThat(verdict).as("%s: %s", name, result).isEqualTo(expected);
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.detail()).isNotBlank();
        }
    }

    static Stream<Arguments> inputClasses() {
        return Stream.of(malformed(), coordinates(), times(), unitsAndRanges()).flatMap(rows -> rows);
    }

    private static Stream<Arguments> malformed() {
        // The root object is level 1, so 15 arrays inside it reach the limit of 16.
        int levels = TelemetryCodec.MAX_NESTING_DEPTH - 1;
        String deep = "[".repeat(levels) + "]".repeat(levels);
        return Stream.of(
                row("empty payload", bytes(""), "malformed_json"),
                row("truncated JSON", bytes(valid().json().substring(0, 40)), "malformed_json"),
                row("invalid JSON, unquoted names", bytes("{vehicleId:\"v-1\"}"), "malformed_json"),
                row(
                        "invalid JSON, NaN literal",
                        valid().raw("latitudeDeg", "NaN").bytes(),
                        "malformed_json"),
                row("JSON array instead of object", bytes("[1,2]"), "malformed_json"),
                row("non-UTF-8 bytes", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "malformed_json"),
                row(
                        "repeated key",
                        bytes(valid().json().replace("\"seq\":7", "\"seq\":7,\"seq\":8")),
                        "malformed_json"),
                row("trailing content", bytes(valid().json() + " {}"), "malformed_json"),
                row("oversize payload", valid().paddedTo(TelemetryCodec.MAX_PAYLOAD_BYTES + 1), "payload_too_large"),
                row("payload at the size limit", valid().paddedTo(TelemetryCodec.MAX_PAYLOAD_BYTES), ACCEPTED),
                row("nesting deeper than 16", valid().raw("x", "[" + deep + "]").bytes(), "malformed_json"),
                row("nesting at 16", valid().raw("x", deep).bytes(), ACCEPTED),
                row(
                        "unknown fields tolerated",
                        valid().raw("firmware", "{\"v\":[1,\"a\",null]}").bytes(),
                        ACCEPTED),
                row("vehicle id mismatch", valid().text("vehicleId", "v-2").bytes(), "vehicle_id_mismatch"));
    }

    private static Stream<Arguments> coordinates() {
        return Stream.of(
                row("missing latitude", valid().without("latitudeDeg").bytes(), "missing_field"),
                row("null longitude", valid().raw("longitudeDeg", "null").bytes(), "missing_field"),
                row("NaN as string", valid().text("latitudeDeg", "NaN").bytes(), "invalid_field"),
                row(
                        "number as string \"12.3\"",
                        valid().text("longitudeDeg", "12.3").bytes(),
                        "invalid_field"),
                row("latitude above 90", valid().raw("latitudeDeg", "90.01").bytes(), "out_of_range"),
                row(
                        "longitude below -180",
                        valid().raw("longitudeDeg", "-180.5").bytes(),
                        "out_of_range"),
                row(
                        "number overflowing to infinity",
                        valid().raw("latitudeDeg", "1e400").bytes(),
                        "out_of_range"),
                row(
                        "latitude and longitude 0",
                        valid().raw("latitudeDeg", "0")
                                .raw("longitudeDeg", "0.0")
                                .bytes(),
                        "no_fix"),
                row("only latitude 0", valid().raw("latitudeDeg", "0").bytes(), ACCEPTED),
                row("fixValid false", valid().raw("fixValid", "false").bytes(), "no_fix"),
                row(
                        "fixValid false without coordinates",
                        valid().raw("fixValid", "false")
                                .without("latitudeDeg")
                                .without("longitudeDeg")
                                .bytes(),
                        "no_fix"),
                row("fixValid true", valid().raw("fixValid", "true").bytes(), ACCEPTED),
                row("fixValid as string", valid().text("fixValid", "false").bytes(), "invalid_field"));
    }

    private static Stream<Arguments> times() {
        return Stream.of(
                row(
                        "fixTime with Z",
                        valid().text("fixTime", "2026-12-04T09:15:30Z").bytes(),
                        ACCEPTED),
                row(
                        "fixTime with +02:00",
                        valid().text("fixTime", "2026-12-04T11:15:30+02:00").bytes(),
                        ACCEPTED),
                row(
                        "fixTime without offset",
                        valid().text("fixTime", "2026-12-04T09:15:30").bytes(),
                        "invalid_field"),
                row(
                        "fixTime 2026-02-30",
                        valid().text("fixTime", "2026-02-30T09:15:30Z").bytes(),
                        "invalid_field"),
                row("fixTime not a time", valid().text("fixTime", "yesterday").bytes(), "invalid_field"),
                row(
                        "fixTime epoch seconds",
                        valid().raw("fixTime", "1796375730").bytes(),
                        ACCEPTED),
                row(
                        "fixTime epoch milliseconds",
                        valid().raw("fixTime", "1796375730250").bytes(),
                        ACCEPTED),
                row(
                        "fixTime fractional seconds",
                        valid().raw("fixTime", "1796375730.25").bytes(),
                        ACCEPTED),
                row(
                        "fixTime epoch 0 (the tracker rejects it later)",
                        valid().raw("fixTime", "0").bytes(),
                        ACCEPTED),
                row("fixTime negative epoch", valid().raw("fixTime", "-1").bytes(), "out_of_range"),
                row(
                        "fixTime epoch beyond any date",
                        valid().raw("fixTime", "1e300").bytes(),
                        "out_of_range"),
                row("fixTime as boolean", valid().raw("fixTime", "true").bytes(), "invalid_field"));
    }

    private static Stream<Arguments> unitsAndRanges() {
        return Stream.of(
                row("speed negative", valid().raw("speedKmh", "-1").bytes(), "out_of_range"),
                row("speed 500", valid().raw("speedKmh", "500").bytes(), ACCEPTED),
                row("speed negative zero", valid().raw("speedKmh", "-0.0").bytes(), ACCEPTED),
                row("speed 501", valid().raw("speedKmh", "501").bytes(), "out_of_range"),
                row(
                        "speed in knots",
                        valid().raw("speedKmh", "20").text("speedUnit", "kn").bytes(),
                        ACCEPTED),
                row(
                        "speed in m/s",
                        valid().raw("speedKmh", "10").text("speedUnit", "m/s").bytes(),
                        ACCEPTED),
                row(
                        "speed in mph",
                        valid().raw("speedKmh", "50").text("speedUnit", "mph").bytes(),
                        ACCEPTED),
                row("speed in km/h named", valid().text("speedUnit", "km/h").bytes(), ACCEPTED),
                row(
                        "speed 300 kn over 500 km/h",
                        valid().raw("speedKmh", "300").text("speedUnit", "kn").bytes(),
                        "out_of_range"),
                row(
                        "speed negative in mph",
                        valid().raw("speedKmh", "-1").text("speedUnit", "mph").bytes(),
                        "out_of_range"),
                row(
                        "unknown speed unit",
                        valid().text("speedUnit", "furlong/fortnight").bytes(),
                        "invalid_field"),
                row("speed unit as number", valid().raw("speedUnit", "1").bytes(), "invalid_field"),
                row("heading 360", valid().raw("headingDeg", "360").bytes(), ACCEPTED),
                row("heading 360.5", valid().raw("headingDeg", "360.5").bytes(), "out_of_range"),
                row("heading -1", valid().raw("headingDeg", "-1").bytes(), "out_of_range"));
    }

    private static Arguments row(String name, byte[] payload, String expected) {
        return Arguments.of(name, payload, expected);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
