package org.fleettracker.console.internal.mqtt;

import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FleetMessageHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final FleetInbox inbox = new FleetInbox(10);
    private final FleetMessageHandler handler = new FleetMessageHandler(List.of("demo"), inbox);
    private final FleetModel model = new FleetModel(10);

    @Test
    void event_reaches_the_inbox() {
        FleetEvent event = new FleetEvent("e-1", "overspeed", "v-1", NOW, Map.of("speedKmh", "95"));

        handler.handle(Topics.events("demo"), Json.encode(event), NOW);

        assertThat(inbox.drain().events()).containsExactly(event);
        assertThat(inbox.malformedCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{}", "{\"eventId\":\"e-1\",\"type\":\"Bad Type\"}"})
    void malformed_event_is_counted_and_dropped(String payload) {
        handler.handle(Topics.events("demo"), payload.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(inbox.drain().events()).isEmpty();
        assertThat(inbox.malformedCount()).isEqualTo(1);
    }

    @Test
    void event_of_a_fleet_the_console_does_not_follow_is_ignored() {
        FleetEvent event = new FleetEvent("e-1", "overspeed", "v-1", NOW, Map.of());

        handler.handle(Topics.events("other"), Json.encode(event), NOW);

        assertThat(inbox.drain().events()).isEmpty();
        assertThat(inbox.malformedCount()).isZero();
    }

    @Test
    void messages_of_every_fleet_the_console_follows_reach_the_model() {
        FleetMessageHandler twoFleets = new FleetMessageHandler(List.of("demo", "north"), inbox);
        FleetEvent event = new FleetEvent("e-1", "overspeed", "n-1", NOW, Map.of());

        twoFleets.handle(Topics.state("demo", "d-1"), Json.encode(state("demo", "d-1", 48.1)), NOW);
        twoFleets.handle(Topics.state("north", "n-1"), Json.encode(state("north", "n-1", 52.5)), NOW);
        twoFleets.handle(Topics.events("north"), Json.encode(event), NOW);
        twoFleets.handle(Topics.state("south", "s-1"), Json.encode(state("south", "s-1", 40.0)), NOW);
        FleetInbox.Drained batch = inbox.drain();
        model.apply(batch);

        assertThat(model.vehicle("d-1")).isPresent();
        assertThat(model.vehicle("n-1").orElseThrow().state().orElseThrow().fleetId())
                .isEqualTo("north");
        assertThat(model.vehicle("s-1")).isEmpty();
        assertThat(batch.events()).extracting(FleetEvent::eventId).containsExactly("e-1");
        assertThat(inbox.malformedCount()).isZero();
    }

    @Test
    void state_whose_fleet_differs_from_its_topic_is_malformed() {
        FleetMessageHandler twoFleets = new FleetMessageHandler(List.of("demo", "north"), inbox);

        twoFleets.handle(Topics.state("north", "v-1"), Json.encode(state("demo", "v-1", 48.1)), NOW);

        assertThat(inbox.malformedCount()).isEqualTo(1);
        assertThat(inbox.drain().updates()).isEmpty();
    }

    @Test
    void valid_state_reaches_the_model() {
        handler.handle(Topics.state("demo", "v-1"), Json.encode(state("demo", "v-1", 48.1)), NOW);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().state().orElseThrow().latitudeDeg())
                .isEqualTo(48.1);
        assertThat(inbox.malformedCount()).isZero();
        assertThat(inbox.lastMessageTime()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{}",
                "{\"fleetId\":\"demo\",\"vehicleId\":\"v-1\"}",
                "{\"fleetId\":\"demo\",\"vehicleId\":\"v-1\",\"fixTime\":\"yesterday\"}",
                "[1,2,3]"
            })
    void malformed_state_is_counted_and_dropped(String payload) {
        handler.handle(Topics.state("demo", "v-1"), payload.getBytes(StandardCharsets.UTF_8), NOW);

        model.apply(inbox.drain());

        assertThat(inbox.malformedCount()).isEqualTo(1);
        assertThat(model.size()).isZero();
    }

    @Test
    void state_for_other_vehicle_is_malformed() {
        handler.handle(Topics.state("demo", "v-1"), Json.encode(state("demo", "v-2", 48.1)), NOW);

        assertThat(inbox.malformedCount()).isEqualTo(1);
        assertThat(inbox.drain().updates()).isEmpty();
    }

    @Test
    void state_of_a_fleet_the_console_does_not_follow_is_ignored() {
        handler.handle(Topics.state("other", "v-1"), Json.encode(state("other", "v-1", 48.1)), NOW);

        assertThat(inbox.malformedCount()).isZero();
        assertThat(inbox.drain().updates()).isEmpty();
    }

    @Test
    void state_off_the_globe_is_malformed() {
        String onTheGlobe = new String(Json.encode(state("demo", "v-1", 12.0)), StandardCharsets.UTF_8);
        byte[] offTheGlobe = onTheGlobe
                .replace("\"latitudeDeg\":12.0", "\"latitudeDeg\":123.0")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(offTheGlobe).isNotEqualTo(onTheGlobe.getBytes(StandardCharsets.UTF_8));

        handler.handle(Topics.state("demo", "v-1"), offTheGlobe, NOW);

        assertThat(inbox.malformedCount()).isEqualTo(1);
    }

    @Test
    void offline_presence_marks_vehicle_offline() {
        handler.handle(Topics.state("demo", "v-1"), Json.encode(state("demo", "v-1", 48.1)), NOW);
        handler.handle(Topics.presence("demo", "v-1"), Presence.OFFLINE.payload(), NOW);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().status()).isEqualTo(VehicleStatus.OFFLINE);
    }

    @Test
    void unknown_presence_word_is_malformed() {
        handler.handle(Topics.presence("demo", "v-1"), "maybe".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(inbox.malformedCount()).isEqualTo(1);
    }

    @Test
    void cleared_retained_state_is_neither_shown_nor_counted() {
        handler.handle(Topics.state("demo", "v-1"), new byte[0], NOW);

        assertThat(inbox.malformedCount()).isZero();
        assertThat(inbox.drain().updates()).isEmpty();
    }

    @Test
    void topic_outside_the_contract_is_malformed() {
        handler.handle("fleet/demo/something", "x".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(inbox.malformedCount()).isEqualTo(1);
    }

    private static VehicleState state(String fleetId, String vehicleId, double latitudeDeg) {
        Instant fixTime = NOW.minusSeconds(2);
        return new VehicleState(
                fleetId,
                vehicleId,
                7L,
                fixTime,
                NOW.minusSeconds(1),
                latitudeDeg,
                11.5,
                30.0,
                180.0,
                null,
                null,
                null,
                null,
                null,
                MotionStatus.MOVING,
                Boolean.TRUE,
                null,
                null,
                NOW.minusSeconds(1));
    }
}
