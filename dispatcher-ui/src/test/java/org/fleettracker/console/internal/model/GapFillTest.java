package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.FleetEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refilling a vehicle's trail and speed history after a connection loss, and the reconnect signal of the inbox. */
class GapFillTest {

    private static final Instant RECEIVED = States.T0.plusSeconds(3600);

    private final FleetInbox inbox = new FleetInbox(100);
    private final FleetModel model = new FleetModel(5, Duration.ofSeconds(100));

    @Test
    void gap_points_are_inserted_in_fix_time_order() {
        inbox.offerState(States.at("v-1", 10, 48.1, 11.1), RECEIVED);
        inbox.offerState(States.at("v-1", 50, 48.5, 11.5), RECEIVED);
        model.apply(inbox.drain());

        int added = model.fillGap("v-1", List.of(point(30), point(20), point(10)), List.of());

        assertThat(added).isEqualTo(2);
        assertThat(fixSeconds(model.vehicle("v-1").orElseThrow().trail().points()))
                .containsExactly(10L, 20L, 30L, 50L);
    }

    @Test
    void gap_fill_keeps_the_newest_within_capacity() {
        inbox.offerState(States.at("v-1", 100, 48.1, 11.1), RECEIVED);
        model.apply(inbox.drain());
        List<TrailPoint> gap = new ArrayList<>();
        for (int second = 10; second <= 90; second += 10) {
            gap.add(point(second));
        }

        model.fillGap("v-1", gap, List.of());

        assertThat(fixSeconds(model.vehicle("v-1").orElseThrow().trail().points()))
                .containsExactly(60L, 70L, 80L, 90L, 100L);
    }

    @Test
    void speed_history_keeps_the_span_before_the_newest() {
        inbox.offerState(States.at("v-1", 200, 48.1, 11.1), RECEIVED);
        model.apply(inbox.drain());

        model.fillGap("v-1", List.of(), List.of(speed(50, 20), speed(150, 30), speed(120, 40)));

        List<SpeedSample> samples = model.speedHistory().samples("v-1", Instant.EPOCH);
        assertThat(samples)
                .extracting(SpeedSample::fixTime)
                .containsExactly(States.T0.plusSeconds(120), States.T0.plusSeconds(150), States.T0.plusSeconds(200));
    }

    @Test
    void states_feed_the_speed_history() {
        inbox.offerState(States.at("v-1", 10, 48.1, 11.1), RECEIVED);
        inbox.offerState(States.at("v-1", 20, 48.2, 11.1), RECEIVED);
        model.apply(inbox.drain());

        assertThat(model.speedHistory().samples("v-1", Instant.EPOCH)).hasSize(2);
    }

    @Test
    void unknown_vehicle_takes_no_gap() {
        assertThat(model.fillGap("v-9", List.of(point(10)), List.of())).isZero();
    }

    @Test
    void clear_stale_marks_every_vehicle_fresh() {
        inbox.offerState(States.at("v-1", 10, 48.1, 11.1), RECEIVED);
        model.apply(inbox.drain());
        inbox.connectionLost(RECEIVED);
        model.apply(inbox.drain());

        model.clearStale();

        assertThat(model.staleCount()).isZero();
        assertThat(model.staleSince()).isNull();
    }

    @Test
    void reconnect_is_reported_once_after_a_loss() {
        inbox.connectionRestored(RECEIVED);
        assertThat(inbox.drain().reconnect()).isNull();

        inbox.connectionLost(RECEIVED.plusSeconds(10));
        inbox.connectionLost(RECEIVED.plusSeconds(15));
        inbox.connectionRestored(RECEIVED.plusSeconds(20));

        FleetInbox.Reconnect reconnect = inbox.drain().reconnect();
        assertThat(reconnect).isEqualTo(new FleetInbox.Reconnect(RECEIVED.plusSeconds(10), RECEIVED.plusSeconds(20)));
        assertThat(inbox.drain().reconnect()).isNull();
    }

    @Test
    void inbox_drops_the_oldest_events_beyond_its_limit() {
        FleetInbox small = new FleetInbox(10, 2);
        for (int i = 1; i <= 3; i++) {
            small.offerEvent(
                    new FleetEvent("e-" + i, "overspeed", "v-1", States.T0.plusSeconds(i), Map.of()), RECEIVED);
        }

        FleetInbox.Drained drained = small.drain();

        assertThat(drained.events()).extracting(FleetEvent::eventId).containsExactly("e-2", "e-3");
        assertThat(small.droppedEventCount()).isEqualTo(1);
    }

    private static TrailPoint point(int second) {
        return new TrailPoint(States.T0.plusSeconds(second), new GeoPoint(48.0, 11.0));
    }

    private static SpeedSample speed(int second, double speedKmh) {
        return new SpeedSample(States.T0.plusSeconds(second), speedKmh);
    }

    private static List<Long> fixSeconds(List<TrailPoint> points) {
        return points.stream()
                .map(point -> Duration.between(States.T0, point.fixTime()).toSeconds())
                .toList();
    }
}
