package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryCodecTest {

    private static final String VALID = "{\"vehicleId\":\"v-1\",\"seq\":7,\"fixTime\":\"2026-12-04T10:15:30+01:00\","
            + "\"latitudeDeg\":45.5,\"longitudeDeg\":13.6,\"speedKmh\":42.0,\"headingDeg\":90.0}";

    @Test
    void full_fix_round_trips() {
        Telemetry fix = new Telemetry(
                "v-1",
                42,
                Instant.parse("2026-12-04T09:15:30.250Z"),
                -33.9,
                151.2,
                88.5,
                359.9,
                12.5,
                4.0,
                123_456.0,
                true,
                87.0,
                null);

        DecodeResult result = TelemetryCodec.decode(TelemetryCodec.encode(fix), "v-1");

        assertThat(result).isEqualTo(new DecodeResult.Accepted(fix));
    }

    @Test
    void minimal_fix_round_trips() {
        Telemetry fix = Telemetry.of("v-1", 0, Instant.parse("2026-12-04T09:15:30Z"), 0.5, -0.5, 0, 0);

        DecodeResult result = TelemetryCodec.decode(TelemetryCodec.encode(fix), "v-1");

        assertThat(result).isEqualTo(new DecodeResult.Accepted(fix));
    }

    @Test
    void offset_time_converts_to_utc() {
        DecodeResult result = TelemetryCodec.decode(VALID.getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        Telemetry fix = ((DecodeResult.Accepted) result).telemetry();
        assertThat(fix.fixTime()).isEqualTo(Instant.parse("2026-12-04T09:15:30Z"));
        assertThat(fix.seq()).isEqualTo(7);
    }

    @Test
    void unknown_fields_are_tolerated() {
        String payload = VALID.replace("}", ",\"firmware\":\"1.2\",\"extra\":{\"a\":[1,2]}}");

        DecodeResult result = TelemetryCodec.decode(payload.getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            empty payload             | ''                                              | malformed_json
            truncated JSON            | '{"vehicleId":"v-1","seq":'                     | malformed_json
            JSON array                | '[1,2,3]'                                       | malformed_json
            JSON string               | '"hello"'                                       | malformed_json
            garbage after object      | REPLACE 90.0} WITH 90.0} garbage                | malformed_json
            second object after first | REPLACE 90.0} WITH 90.0}{"seq":8}               | malformed_json
            duplicate seq             | REPLACE "seq":7 WITH "seq":7,"seq":8            | malformed_json
            duplicate unknown field   | REPLACE } WITH ,"x":1,"x":2}                    | malformed_json
            missing vehicleId         | '{"seq":1}'                                     | missing_field
            null latitude             | REPLACE "latitudeDeg":45.5 WITH "latitudeDeg":null | missing_field
            missing fixTime           | REPLACE "fixTime":"2026-12-04T10:15:30+01:00", WITH '' | missing_field
            latitude as string        | REPLACE "latitudeDeg":45.5 WITH "latitudeDeg":"45.5" | invalid_field
            seq as fraction           | REPLACE "seq":7 WITH "seq":7.5                 | invalid_field
            seq as string             | REPLACE "seq":7 WITH "seq":"7"                 | invalid_field
            fixTime without offset    | REPLACE +01:00 WITH ''                          | invalid_field
            fixTime invalid date      | REPLACE 2026-12-04 WITH 2026-02-30              | invalid_field
            fixTime as boolean        | REPLACE "2026-12-04T10:15:30+01:00" WITH true | invalid_field
            ignition as string        | REPLACE } WITH ,"ignition":"yes"}               | invalid_field
            vehicleId with wildcard   | REPLACE "v-1" WITH "v+1"                        | invalid_field
            latitude above 90         | REPLACE 45.5 WITH 90.01                         | out_of_range
            longitude below -180      | REPLACE 13.6 WITH -180.5                        | out_of_range
            negative speed            | REPLACE 42.0 WITH -1                            | out_of_range
            heading above 360         | REPLACE 90.0 WITH 360.5                         | out_of_range
            negative seq              | REPLACE "seq":7 WITH "seq":-1                   | out_of_range
            negative accuracy         | REPLACE } WITH ,"accuracyM":-3}                 | out_of_range
            battery above 100         | REPLACE } WITH ,"batteryPct":101}               | out_of_range
            huge exponent latitude    | REPLACE 45.5 WITH 1e400                         | out_of_range
            other vehicle in payload  | REPLACE "v-1" WITH "v-2"                        | vehicle_id_mismatch
            """)
    void invalid_input_is_rejected_with_reason(String name, String input, String expectedCode) {
        DecodeResult result = TelemetryCodec.decode(payload(input).getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).reason().code()).isEqualTo(expectedCode);
        assertThat(((DecodeResult.Rejected) result).detail()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            garbage after object | REPLACE 90.0} WITH 90.0} garbage | payload has more content after the JSON value
            object after object | REPLACE 90.0} WITH 90.0}{"seq":8} | payload has more content after the JSON value
            number after object | REPLACE 90.0} WITH 90.0} 1 | payload has more content after the JSON value
            duplicate seq | REPLACE :7, WITH :7,"seq":8, | payload is not valid JSON: Duplicate field 'seq'
            negative seq | REPLACE "seq":7 WITH "seq":-1 | seq -1 is negative
            latitude above 90 | REPLACE 45.5 WITH 90.01 | latitudeDeg 90.01 is out of range [-90, 90]
            negative speed | REPLACE 42.0 WITH -1 | speedKmh -1 is out of range [0, 500]
            negative accuracy | REPLACE } WITH ,"accuracyM":-3} | accuracyM -3 is negative
            """)
    void reject_detail_names_the_fault(String name, String input, String expectedDetail) {
        DecodeResult result = TelemetryCodec.decode(payload(input).getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).detail()).isEqualTo(expectedDetail);
    }

    @Test
    void truncated_object_detail_is_the_parser_error() {
        DecodeResult result = TelemetryCodec.decode("{\"seq\":".getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result)
                .isEqualTo(new DecodeResult.Rejected(
                        RejectReason.MALFORMED_JSON,
                        "payload is not valid JSON: Unexpected end-of-input within/between Object entries"));
    }

    @Test
    void non_utf8_payload_is_rejected() {
        byte[] payload = {'{', (byte) 0xC3, (byte) 0x28, '}'};

        DecodeResult result = TelemetryCodec.decode(payload, "v-1");

        assertThat(result)
                .isEqualTo(new DecodeResult.Rejected(RejectReason.MALFORMED_JSON, "payload is not valid UTF-8"));
    }

    @Test
    void oversize_payload_is_rejected() {
        byte[] payload = new byte[TelemetryCodec.MAX_PAYLOAD_BYTES + 1];

        DecodeResult result = TelemetryCodec.decode(payload, "v-1");

        assertThat(((DecodeResult.Rejected) result).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void deep_nesting_is_rejected() {
        String payload = VALID.replace("}", ",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}");

        DecodeResult result = TelemetryCodec.decode(payload.getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result)
                .isEqualTo(new DecodeResult.Rejected(
                        RejectReason.MALFORMED_JSON, "payload is nested deeper than 16 levels"));
    }

    @Test
    void nesting_at_the_limit_is_accepted() {
        // The root object is level 1, so 15 more levels reach the limit of 16.
        String payload = VALID.replace("}", ",\"x\":" + "[".repeat(15) + "]".repeat(15) + "}");

        DecodeResult result = TelemetryCodec.decode(payload.getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
    }

    @Test
    void long_number_detail_is_not_about_nesting() {
        String payload = VALID.replace("45.5", "4" + "0".repeat(1200));

        DecodeResult result = TelemetryCodec.decode(payload.getBytes(StandardCharsets.UTF_8), "v-1");

        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).detail()).doesNotContain("nested");
    }

    /** Turns a table cell into a payload: a literal, or "REPLACE a WITH b" applied to {@link #VALID}. */
    private static String payload(String cell) {
        if (!cell.startsWith("REPLACE ")) {
            return cell;
        }
        String[] parts = cell.substring("REPLACE ".length()).split(" WITH ", 2);
        String replacement = parts[1].equals("''") ? "" : parts[1];
        String result = VALID.replaceFirst(
                java.util.regex.Pattern.quote(parts[0]), java.util.regex.Matcher.quoteReplacement(replacement));
        assertThat(result)
                .as("table cell must change the valid payload: %s", cell)
                .isNotEqualTo(VALID);
        return result;
    }
}
