package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Payloads written to look like what the OwnTracks apps send; the values are made up. */
class OwnTracksCodecTest {

    /** A location from the Android app while driving, with its usual extra fields. */
    private static final String ANDROID_LOCATION = "{\"_type\":\"location\",\"acc\":12,\"alt\":296,\"batt\":81,"
            + "\"bs\":1,\"cog\":214,\"conn\":\"m\",\"created_at\":1796378130,\"lat\":46.05623,\"lon\":14.50581,"
            + "\"m\":1,\"t\":\"u\",\"tid\":\"ap\",\"tst\":1796378127,\"vac\":4,\"vel\":47}";

    /** A location from the iOS app standing still, without course and speed. */
    private static final String IOS_LOCATION = "{\"_type\":\"location\",\"acc\":65,\"alt\":301,\"batt\":42,"
            + "\"bs\":2,\"conn\":\"w\",\"lat\":46.0512,\"lon\":14.5060,\"m\":2,\"t\":\"p\",\"tid\":\"bi\","
            + "\"tst\":1796378400,\"vac\":10,\"inregions\":[\"Depot\"]}";

    private static final String TRANSITION = "{\"_type\":\"transition\",\"acc\":14.2,\"desc\":\"Depot Vic\","
            + "\"event\":\"enter\",\"lat\":46.0411,\"lon\":14.4872,\"rid\":\"a1b2c3\",\"t\":\"c\",\"tid\":\"ap\","
            + "\"tst\":1796378500,\"wtst\":1796000000}";

    @Test
    void android_location_becomes_a_full_fix() {
        OwnTracksMessage message = decode(ANDROID_LOCATION);

        Telemetry expected = new Telemetry(
                "van-7",
                1796378127,
                Instant.ofEpochSecond(1796378127),
                46.05623,
                14.50581,
                47,
                214,
                296.0,
                12.0,
                null,
                null,
                81.0,
                null);
        assertThat(message).isEqualTo(new OwnTracksMessage.Location(expected));
    }

    @Test
    void ios_location_without_course_and_speed_gets_zero() {
        Telemetry fix = ((OwnTracksMessage.Location) decode(IOS_LOCATION)).fix();

        assertThat(fix.speedKmh()).isZero();
        assertThat(fix.headingDeg()).isZero();
        assertThat(fix.seq()).isEqualTo(1796378400);
        assertThat(fix.fixTime()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(fix.accuracyM()).isEqualTo(65.0);
    }

    @Test
    void minimal_location_needs_only_lat_lon_and_tst() {
        Telemetry fix = ((OwnTracksMessage.Location)
                        decode("{\"_type\":\"location\",\"lat\":-33.86,\"lon\":151.21,\"tst\":1700000000}"))
                .fix();

        assertThat(fix)
                .isEqualTo(Telemetry.of("van-7", 1700000000, Instant.ofEpochSecond(1700000000), -33.86, 151.21, 0, 0));
    }

    @ParameterizedTest(name = "vel {0}, cog {1} -> {2} km/h, {3} deg")
    @CsvSource({"-1, -1, 0, 0", "0, 360, 0, 0", "130, 359, 130, 359", "12.5, 90.5, 12.5, 90.5"})
    void unknown_speed_and_course_and_full_circle_are_normalised(
            String vel, String cog, double speedKmh, double headingDeg) {
        Telemetry fix = ((OwnTracksMessage.Location) decode("{\"_type\":\"location\",\"lat\":46.1,\"lon\":14.5,"
                        + "\"tst\":1796378127,\"vel\":" + vel + ",\"cog\":" + cog + "}"))
                .fix();

        assertThat(fix.speedKmh()).isEqualTo(speedKmh);
        assertThat(fix.headingDeg()).isEqualTo(headingDeg);
    }

    @Test
    void lwt_is_recognised() {
        assertThat(decode("{\"_type\":\"lwt\",\"tst\":1796370000}")).isEqualTo(new OwnTracksMessage.Lwt());
    }

    @Test
    void transition_keeps_region_and_place() {
        OwnTracksMessage message = decode(TRANSITION);

        assertThat(message)
                .isEqualTo(new OwnTracksMessage.Transition(
                        true, Instant.ofEpochSecond(1796378500), "Depot Vic", "a1b2c3", 46.0411, 14.4872, 14.2, "c"));
    }

    @Test
    void leave_transition_without_optional_fields() {
        OwnTracksMessage message = decode("{\"_type\":\"transition\",\"event\":\"leave\",\"tst\":1796378600}");

        assertThat(message)
                .isEqualTo(new OwnTracksMessage.Transition(
                        false, Instant.ofEpochSecond(1796378600), null, null, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            card      | {"_type":"card","name":"Alice","face":"iVBORw0KGgo="}
            waypoint  | {"_type":"waypoint","desc":"Depot","lat":46.04,"lon":14.48,"rad":120,"tst":1796000000}
            waypoints | {"_type":"waypoints","waypoints":[]}
            encrypted | {"_type":"encrypted","data":"c2VjcmV0"}
            status    | {"_type":"status","android":{"hib":0}}
            future    | {"_type":"future","x":1}
            """)
    void other_types_are_reported_not_rejected(String type, String payload) {
        assertThat(decode(payload)).isEqualTo(new OwnTracksMessage.Other(type));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            empty payload           | ''                                                              | MALFORMED_JSON
            truncated json          | {"_type":"location","lat":46.1,"lon":                           | MALFORMED_JSON
            json array              | [1,2]                                                           | MALFORMED_JSON
            no _type                | {"lat":46.1,"lon":14.5,"tst":1796378127}                        | MISSING_FIELD
            _type not a string      | {"_type":7}                                                     | INVALID_FIELD
            location without lat    | {"_type":"location","lon":14.5,"tst":1796378127}                | MISSING_FIELD
            location without tst    | {"_type":"location","lat":46.1,"lon":14.5}                      | MISSING_FIELD
            lat as string           | {"_type":"location","lat":"46.1","lon":14.5,"tst":1796378127}   | INVALID_FIELD
            tst as string           | {"_type":"location","lat":46.1,"lon":14.5,"tst":"1796378127"}   | INVALID_FIELD
            tst with fraction       | {"_type":"location","lat":46.1,"lon":14.5,"tst":1796378127.5}   | INVALID_FIELD
            tst in milliseconds     | {"_type":"location","lat":46.1,"lon":14.5,"tst":1796378127000}  | OUT_OF_RANGE
            negative tst            | {"_type":"location","lat":46.1,"lon":14.5,"tst":-5}             | OUT_OF_RANGE
            latitude over 90        | {"_type":"location","lat":91.0,"lon":14.5,"tst":1796378127}     | OUT_OF_RANGE
            negative speed | {"_type":"location","lat":46.1,"lon":14.5,"tst":1796378127,"vel":-3} | OUT_OF_RANGE
            battery over 100 | {"_type":"location","lat":46.1,"lon":14.5,"tst":1796378127,"batt":140} | OUT_OF_RANGE
            zero position           | {"_type":"location","lat":0,"lon":0,"tst":1796378127}           | NO_FIX
            transition without event | {"_type":"transition","tst":1796378127}                        | MISSING_FIELD
            transition odd event    | {"_type":"transition","event":"stay","tst":1796378127}          | INVALID_FIELD
            transition without tst  | {"_type":"transition","event":"enter"}                          | MISSING_FIELD
            transition lat 91  | {"_type":"transition","event":"enter","tst":1796378127,"lat":91.0} | OUT_OF_RANGE
            transition lon -181 | {"_type":"transition","event":"leave","tst":1796378127,"lon":-181} | OUT_OF_RANGE
            transition lat 1e400 | {"_type":"transition","event":"enter","tst":1796378127,"lat":1e400} | OUT_OF_RANGE
            transition negative acc | {"_type":"transition","event":"enter","tst":1796378127,"acc":-5} | OUT_OF_RANGE
            """)
    void bad_payloads_are_rejected_with_reason(String name, String payload, RejectReason reason) {
        OwnTracksMessage message = decode(payload);

        assertThat(message).isInstanceOf(OwnTracksMessage.Rejected.class);
        assertThat(((OwnTracksMessage.Rejected) message).reason()).as(name).isEqualTo(reason);
    }

    @Test
    void oversize_payload_is_rejected() {
        String payload = "{\"_type\":\"location\",\"pad\":\"" + "x".repeat(OwnTracksCodecTest.maxBytes()) + "\"}";

        assertThat(decode(payload)).isInstanceOf(OwnTracksMessage.Rejected.class);
        assertThat(((OwnTracksMessage.Rejected) decode(payload)).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void non_utf8_payload_is_rejected_as_malformed() {
        byte[] payload = {'{', '"', '_', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        OwnTracksMessage message = OwnTracksCodec.decode(payload, "van-7");

        assertThat(((OwnTracksMessage.Rejected) message).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    private static int maxBytes() {
        return TelemetryCodec.MAX_PAYLOAD_BYTES;
    }

    private static OwnTracksMessage decode(String payload) {
        return OwnTracksCodec.decode(payload.getBytes(StandardCharsets.UTF_8), "van-7");
    }
}
