package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void telemetry_topic_round_trips() {
        String topic = Topics.telemetry("demo", "veh-001");

        assertThat(topic).isEqualTo("fleet/demo/vehicles/veh-001/telemetry");
        assertThat(Topics.parse(topic)).contains(new TopicAddress(TopicKind.TELEMETRY, "demo", "veh-001"));
    }

    @Test
    void rejects_topic_has_no_vehicle() {
        assertThat(Topics.parse(Topics.rejects("demo"))).contains(new TopicAddress(TopicKind.REJECTS, "demo", null));
    }

    @Test
    void every_kind_round_trips() {
        for (TopicKind kind : TopicKind.values()) {
            String topic = kind.perVehicle()
                    ? Topics.vehicleFilter("demo", kind).replace("+", "v1")
                    : Topics.fleetTopic("demo", kind);

            assertThat(Topics.parse(topic))
                    .as(topic)
                    .contains(new TopicAddress(kind, "demo", kind.perVehicle() ? "v1" : null));
        }
    }

    @Test
    void command_topics_name_the_vehicle() {
        assertThat(Topics.commands("demo", "v1")).isEqualTo("fleet/demo/vehicles/v1/commands");
        assertThat(Topics.commandAcks("demo", "v1")).isEqualTo("fleet/demo/vehicles/v1/command-acks");
        assertThat(Topics.events("demo")).isEqualTo("fleet/demo/events");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fleet/demo/vehicles/v1",
                "fleet/demo/vehicles/v1/events",
                "fleet/demo/telemetry",
                "fleet/demo/vehicles",
                "fleet/demo/vehicles/v1/telemetry/extra",
                "fleet/demo/cars/v1/telemetry",
                "fleet/de mo/vehicles/v1/telemetry",
                "fleet/demo/vehicles/+/telemetry",
                "fleet/demo/vehicles//telemetry",
                "fleet/demo/vehicles/v1/unknown",
                "other/demo/vehicles/v1/telemetry",
                "fleet/demo/vehicles/v1/rejects",
                ""
            })
    void foreign_topics_do_not_parse(String topic) {
        assertThat(Topics.parse(topic)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a/b",
                "a+b",
                "#",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "tab\t"
            })
    void invalid_ids_are_rejected(String id) {
        assertThatThrownBy(() -> Topics.telemetry("demo", id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixty_four_character_id_is_valid() {
        assertThat(Ids.isValid("a".repeat(64))).isTrue();
    }
}
