package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OwnTracks branch of the decode stage, from topic and payload to what the later stages work on. */
class OwnTracksDecodeTest {

    private static final String LOCATION =
            "{\"_type\":\"location\",\"acc\":9,\"batt\":77,\"cog\":88,\"lat\":46.0503,\"lon\":14.5069,"
                    + "\"t\":\"u\",\"tid\":\"ap\",\"tst\":1796378127,\"vel\":36}";

    @TempDir
    Path folder;

    private final TrackerMetrics metrics = new TrackerMetrics(() -> 0);
    private OwnTracksDecode decode;

    @BeforeEach
    void mapAlicesPhone() throws Exception {
        Path file = folder.resolve("owntracks.yaml");
        Files.writeString(
                file,
                "devices:\n  - {user: alice, device: pixel, fleet: demo, vehicle: alice-pixel}\n",
                StandardCharsets.UTF_8);
        decode = new OwnTracksDecode(OwnTracksMapping.load(file), metrics);
    }

    @Test
    void location_of_mapped_device_is_presence_online_and_a_fix_of_its_vehicle() {
        List<Decoded> decoded = decode.decode(message("owntracks/alice/pixel", LOCATION));

        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(0))
                .isEqualTo(new Decoded.PresenceChange(decoded.get(0).message(), "demo", "alice-pixel", true));
        Decoded.Fix fix = (Decoded.Fix) decoded.get(1);
        assertThat(fix.position().fleetId()).isEqualTo("demo");
        assertThat(fix.position().fix().vehicleId()).isEqualTo("alice-pixel");
        assertThat(fix.position().fix().seq()).isEqualTo(1796378127);
        assertThat(fix.position().fix().speedKmh()).isEqualTo(36);
        assertThat(fix.position().fix().batteryPct()).isEqualTo(77);
    }

    @Test
    void lwt_is_presence_offline() {
        List<Decoded> decoded =
                decode.decode(message("owntracks/alice/pixel", "{\"_type\":\"lwt\",\"tst\":1796370000}"));

        assertThat(decoded).singleElement().isInstanceOfSatisfying(Decoded.PresenceChange.class, presence -> {
            assertThat(presence.vehicleId()).isEqualTo("alice-pixel");
            assertThat(presence.online()).isFalse();
        });
    }

    @Test
    void transition_is_a_geofence_event_of_the_vehicle() {
        String payload = "{\"_type\":\"transition\",\"desc\":\"Depot Vic\",\"event\":\"leave\",\"lat\":46.04,"
                + "\"lon\":14.48,\"rid\":\"a1b2c3\",\"t\":\"c\",\"tst\":1796378500,\"wtst\":1796000000}";

        List<Decoded> decoded = decode.decode(message("owntracks/alice/pixel/event", payload));

        Decoded.Event event = (Decoded.Event) decoded.get(0);
        FleetEvent fleetEvent = event.event();
        assertThat(event.fleetId()).isEqualTo("demo");
        assertThat(fleetEvent.type()).isEqualTo("geofence-left");
        assertThat(fleetEvent.vehicleId()).isEqualTo("alice-pixel");
        assertThat(fleetEvent.time()).isEqualTo(Instant.ofEpochSecond(1796378500));
        assertThat(fleetEvent.attributes())
                .containsEntry("region", "Depot Vic")
                .containsEntry("regionId", "a1b2c3")
                .containsEntry("source", "owntracks")
                .containsEntry("latitudeDeg", "46.04");
    }

    @Test
    void same_transition_twice_gets_the_same_event_id() {
        String payload = "{\"_type\":\"transition\",\"event\":\"enter\",\"rid\":\"r1\",\"tst\":1796378500}";
        String otherTime = payload.replace("1796378500", "1796378501");

        String first = eventId(payload);

        assertThat(eventId(payload)).isEqualTo(first);
        assertThat(eventId(otherTime)).isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            unmapped user | owntracks/bob/pixel | UNKNOWN_DEVICE
            unmapped device of a mapped user | owntracks/alice/iphone | UNKNOWN_DEVICE
            invalid device level | owntracks/alice/my phone | INVALID_TOPIC
            subtopic the tracker does not read | owntracks/alice/pixel/info | INVALID_TOPIC
            """)
    void topics_that_map_to_no_vehicle_are_rejected(String name, String topic, RejectReason reason) {
        List<Decoded> decoded = decode.decode(message(topic, LOCATION));

        assertThat(decoded).singleElement().isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.reject().reason()).isEqualTo(reason);
            assertThat(rejected.reject().topic()).isEqualTo(topic);
        });
    }

    @Test
    void bad_payload_of_mapped_device_is_rejected_for_its_vehicle() {
        List<Decoded> decoded = decode.decode(message("owntracks/alice/pixel", "{\"_type\":\"location\",\"lat\":"));

        Decoded.Rejected rejected = (Decoded.Rejected) decoded.get(0);
        assertThat(rejected.reject().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejected.reject().fleetId()).isEqualTo("demo");
        assertThat(rejected.reject().vehicleId()).isEqualTo("alice-pixel");
    }

    @Test
    void other_type_is_ignored_and_counted() {
        decode.decode(message("owntracks/alice/pixel", "{\"_type\":\"card\",\"name\":\"Alice\"}"));
        List<Decoded> decoded = decode.decode(message("owntracks/alice/pixel", "{\"_type\":\"x-custom\"}"));

        assertThat(decoded).singleElement().isInstanceOf(Decoded.Ignored.class);
        assertThat(metrics.scrape())
                .contains("tracker_owntracks_ignored_total{type=\"card\"} 1.0")
                .contains("tracker_owntracks_ignored_total{type=\"other\"} 1.0");
    }

    @Test
    void decode_stage_routes_by_topic_root() {
        DecodeStage stage = new DecodeStage(decode);

        List<Decoded> decoded = stage.decodeAll(List.of(
                message("owntracks/alice/pixel", LOCATION), message("fleet/demo/vehicles/v1/presence", "online")));

        assertThat(decoded)
                .extracting(d -> d.getClass().getSimpleName())
                .containsExactly("PresenceChange", "Fix", "PresenceChange");
    }

    private String eventId(String payload) {
        return ((Decoded.Event) decode.decode(message("owntracks/alice/pixel/event", payload))
                        .get(0))
                .event()
                .eventId();
    }

    private static InboundMessage message(String topic, String payload) {
        return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, 1, 1, Instant.now());
    }
}
