package org.fleettracker.protocol.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fleettracker.protocol.api.TelemetryPayloads.valid;

/** What accepted telemetry inputs decode to, and the detail of each new reject: it names the field and value. */
class TelemetryConversionsTest {

    private static final Instant FIX_TIME = Instant.parse("2026-12-04T09:15:30Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void accepted_input_decodes_to_value(
            String name, TelemetryPayloads payload, Function<Telemetry, Object> field, Object expected) {
        DecodeResult result = TelemetryCodec.decode(payload.bytes(), "v-1");

        assertThat(result).as(name).isInstanceOf(DecodeResult.Accepted.class);
        assertThat(field.apply(((DecodeResult.Accepted) result).telemetry())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("details")
    void reject_detail_names_field_and_value(String name, TelemetryPayloads payload, String expectedDetail) {
        DecodeResult result = TelemetryCodec.decode(payload.bytes(), "v-1");

        assertThat(result).as(name).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).detail()).isEqualTo(expectedDetail);
    }

    static Stream<Arguments> conversions() {
        Function<Telemetry, Object> fixTime = Telemetry::fixTime;
        Function<Telemetry, Object> speed = Telemetry::speedKmh;
        Function<Telemetry, Object> heading = Telemetry::headingDeg;
        return Stream.of(
                Arguments.of("Z", valid().text("fixTime", "2026-12-04T09:15:30Z"), fixTime, FIX_TIME),
                Arguments.of("+02:00", valid().text("fixTime", "2026-12-04T11:15:30+02:00"), fixTime, FIX_TIME),
                Arguments.of("epoch seconds", valid().raw("fixTime", "1796375730"), fixTime, FIX_TIME),
                Arguments.of(
                        "fractional seconds",
                        valid().raw("fixTime", "1796375730.123"),
                        fixTime,
                        FIX_TIME.plusMillis(123)),
                Arguments.of(
                        "epoch milliseconds",
                        valid().raw("fixTime", "1796375730250"),
                        fixTime,
                        FIX_TIME.plusMillis(250)),
                Arguments.of(
                        "last seconds value", valid().raw("fixTime", "99999999999"), fixTime, seconds(99999999999L)),
                Arguments.of("first milliseconds value", valid().raw("fixTime", "1e11"), fixTime, seconds(100_000_000)),
                Arguments.of("epoch 0", valid().raw("fixTime", "0"), fixTime, Instant.EPOCH),
                Arguments.of("default unit", valid().raw("speedKmh", "42"), speed, 42.0),
                Arguments.of("km/h", valid().raw("speedKmh", "42").text("speedUnit", "km/h"), speed, 42.0),
                Arguments.of("knots", valid().raw("speedKmh", "10").text("speedUnit", "kn"), speed, 18.52),
                Arguments.of("m/s", valid().raw("speedKmh", "10").text("speedUnit", "m/s"), speed, 36.0),
                Arguments.of("mph", valid().raw("speedKmh", "10").text("speedUnit", "mph"), speed, 16.09344),
                Arguments.of("speed -0.0", valid().raw("speedKmh", "-0.0"), speed, 0.0),
                Arguments.of(
                        "speed -0.0 in knots", valid().raw("speedKmh", "-0.0").text("speedUnit", "kn"), speed, 0.0),
                Arguments.of("heading 360", valid().raw("headingDeg", "360"), heading, 0.0),
                Arguments.of("heading -0.0", valid().raw("headingDeg", "-0.0"), heading, 0.0),
                Arguments.of("heading 359.9", valid().raw("headingDeg", "359.9"), heading, 359.9));
    }

    static Stream<Arguments> details() {
        return Stream.of(
                Arguments.of(
                        "fixValid false",
                        valid().raw("fixValid", "false"),
                        "fixValid false: the vehicle has no GPS fix"),
                Arguments.of(
                        "0,0",
                        valid().raw("latitudeDeg", "0").raw("longitudeDeg", "0"),
                        "latitudeDeg 0 and longitudeDeg 0 mean the vehicle has no GPS fix"),
                Arguments.of(
                        "no offset",
                        valid().text("fixTime", "2026-12-04T09:15:30"),
                        "fixTime '2026-12-04T09:15:30' has no offset; add Z or +hh:mm"),
                Arguments.of(
                        "invalid date",
                        valid().text("fixTime", "2026-02-30T09:15:30Z"),
                        "fixTime '2026-02-30T09:15:30Z' is not an ISO-8601 time with offset: "
                                + "Invalid date 'FEBRUARY 30'"),
                Arguments.of("negative epoch", valid().raw("fixTime", "-5"), "fixTime -5 is negative"),
                Arguments.of(
                        "unknown unit",
                        valid().text("speedUnit", "kmh"),
                        "speedUnit 'kmh' is not one of km/h, kn, m/s, mph"),
                Arguments.of(
                        "converted speed too high",
                        valid().raw("speedKmh", "300").text("speedUnit", "kn"),
                        "speedKmh 300 kn is 555.6 km/h, out of range [0, 500]"),
                Arguments.of("speed 501", valid().raw("speedKmh", "501"), "speedKmh 501 is out of range [0, 500]"),
                Arguments.of(
                        "heading 360.5",
                        valid().raw("headingDeg", "360.5"),
                        "headingDeg 360.5 is out of range [0, 360)"),
                Arguments.of(
                        "NaN as string",
                        valid().text("latitudeDeg", "NaN"),
                        "latitudeDeg must be a number, got string \"NaN\""));
    }

    private static Instant seconds(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }
}
