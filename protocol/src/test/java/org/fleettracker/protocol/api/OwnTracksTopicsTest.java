package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OwnTracksTopicsTest {

    @Test
    void location_topic_parses_to_user_and_device() {
        assertThat(OwnTracksTopics.parse("owntracks/alice/pixel"))
                .contains(new OwnTracksTopics.Address("alice", "pixel", false));
    }

    @Test
    void event_topic_parses_as_event() {
        assertThat(OwnTracksTopics.parse(OwnTracksTopics.event("alice", "pixel")))
                .contains(new OwnTracksTopics.Address("alice", "pixel", true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "owntracks/alice",
                "owntracks/alice/pixel/info",
                "owntracks/alice/pixel/event/extra",
                "owntracks/alice/my phone",
                "owntracks//pixel",
                "fleet/alice/pixel",
                "OwnTracks/alice/pixel"
            })
    void other_topics_do_not_parse(String topic) {
        assertThat(OwnTracksTopics.parse(topic)).isEmpty();
    }

    @Test
    void filters_name_the_shared_tracker_group() {
        assertThat(OwnTracksTopics.TRACKER_LOCATIONS_SUBSCRIPTION).isEqualTo("$share/trackers/owntracks/+/+");
        assertThat(OwnTracksTopics.TRACKER_EVENTS_SUBSCRIPTION).isEqualTo("$share/trackers/owntracks/+/+/event");
        assertThat(OwnTracksTopics.deviceFilter("alice")).isEqualTo("owntracks/alice/+");
    }
}
