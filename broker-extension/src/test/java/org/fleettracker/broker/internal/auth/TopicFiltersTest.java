package org.fleettracker.broker.internal.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "fleet/demo/#, fleet/demo/#, true",
        "fleet/demo/#, fleet/demo, true",
        "fleet/demo/#, fleet/demo/vehicles/+/state, true",
        "fleet/demo/#, fleet/demo/vehicles/bus-1/telemetry, true",
        "fleet/demo/#, fleet/demo/rejects, true",
        "fleet/demo/#, fleet/+/rejects, false",
        "fleet/demo/#, fleet/#, false",
        "fleet/demo/#, #, false",
        "fleet/demo/#, fleet/north/#, false",
        "fleet/demo/#, fleet/demoX/#, false",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles/+/state, true",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles/bus-1/state, true",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles/#, false",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles/+/+, false",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles/+/state/#, false",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles/bus 1/state, false",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles//state, false",
        "fleet/demo/vehicles/+/state, fleet/demo/vehicles, false",
        "fleet/+/vehicles/+/presence, fleet/north/vehicles/+/presence, true",
        "fleet/+/vehicles/+/presence, fleet/+/vehicles/+/presence, true",
        "fleet/+/vehicles/+/presence, fleet/#, false",
    })
    void filter_coverage(String pattern, String filter, boolean expected) {
        assertThat(TopicFilters.covers(pattern, filter)).isEqualTo(expected);
    }

    @Test
    void topic_name_matches_exact_pattern() {
        assertThat(TopicFilters.topicMatches(
                        "fleet/demo/vehicles/bus-1/telemetry", "fleet/demo/vehicles/bus-1/telemetry"))
                .isTrue();
    }

    @Test
    void topic_name_with_wildcard_never_matches() {
        assertThat(TopicFilters.topicMatches("fleet/+/vehicles/+/state", "fleet/+/vehicles/+/state"))
                .isFalse();
    }

    @Test
    void shared_subscription_is_split() {
        TopicFilters.SharedFilter shared = TopicFilters.parseShared("$share/trackers/fleet/+/vehicles/+/telemetry");

        assertThat(shared).isEqualTo(new TopicFilters.SharedFilter("trackers", "fleet/+/vehicles/+/telemetry"));
    }

    @Test
    void plain_filter_is_not_shared() {
        assertThat(TopicFilters.parseShared("fleet/+/vehicles/+/telemetry")).isNull();
    }
}
