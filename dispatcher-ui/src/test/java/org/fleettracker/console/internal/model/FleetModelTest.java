package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.VehicleState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FleetModelTest {

    private static final Instant RECEIVED = States.T0.plusSeconds(3600);

    private final FleetInbox inbox = new FleetInbox(100);
    private final FleetModel model = new FleetModel(100);

    @Test
    void burst_merges_into_latest_fix_per_vehicle() {
        for (int i = 0; i < 1000; i++) {
            inbox.offerState(States.at("v-" + (i % 10), i, 48.0 + i * 1e-4, 11.0), RECEIVED);
        }

        FleetInbox.Drained drained = inbox.drain();
        model.apply(drained);

        assertThat(drained.updates()).hasSize(10);
        assertThat(model.size()).isEqualTo(10);
        assertThat(model.vehicle("v-3").orElseThrow().state().orElseThrow().fixTime())
                .isEqualTo(States.T0.plusSeconds(993));
        assertThat(model.vehicle("v-3").orElseThrow().position().orElseThrow().latitudeDeg())
                .isEqualTo(48.0 + 993 * 1e-4);
    }

    @Test
    void older_fix_in_same_frame_does_not_move_marker_back() {
        inbox.offerState(States.at("v-1", 20, 48.2, 11.2), RECEIVED);
        inbox.offerState(States.at("v-1", 10, 48.1, 11.1), RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().position()).contains(new GeoPoint(48.2, 11.2));
    }

    @Test
    void older_fix_in_later_frame_does_not_move_marker_back() {
        inbox.offerState(States.at("v-1", 20, 48.2, 11.2), RECEIVED);
        model.apply(inbox.drain());
        inbox.offerState(States.at("v-1", 10, 48.1, 11.1), RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().position()).contains(new GeoPoint(48.2, 11.2));
        assertThat(model.vehicle("v-1").orElseThrow().trail().size()).isEqualTo(1);
    }

    @Test
    void trail_keeps_positions_passed_within_one_frame() {
        for (int i = 0; i < 5; i++) {
            inbox.offerState(States.at("v-1", i, 48.0 + i * 0.01, 11.0), RECEIVED);
        }

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().trail().points())
                .extracting(point -> point.position().latitudeDeg())
                .containsExactly(48.0, 48.01, 48.02, 48.03, 48.04);
    }

    @Test
    void trail_is_bounded_to_its_length() {
        FleetInbox smallInbox = new FleetInbox(3);
        FleetModel smallModel = new FleetModel(3);
        for (int frame = 0; frame < 4; frame++) {
            for (int i = 0; i < 5; i++) {
                int offsetS = frame * 5 + i;
                smallInbox.offerState(States.at("v-1", offsetS, 48.0 + offsetS * 0.01, 11.0), RECEIVED);
            }
            smallModel.apply(smallInbox.drain());
        }

        Trail trail = smallModel.vehicle("v-1").orElseThrow().trail();

        assertThat(trail.size()).isEqualTo(3);
        assertThat(trail.points())
                .extracting(TrailPoint::fixTime)
                .containsExactly(States.T0.plusSeconds(17), States.T0.plusSeconds(18), States.T0.plusSeconds(19));
    }

    @Test
    void connection_loss_marks_every_vehicle_stale() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        inbox.offerState(States.at("v-2", 1, 48.1, 11.1), RECEIVED);
        model.apply(inbox.drain());
        Instant lostAt = RECEIVED.plusSeconds(5);

        inbox.connectionLost(lostAt);
        model.apply(inbox.drain());

        assertThat(model.staleCount()).isEqualTo(2);
        assertThat(model.staleSince()).isEqualTo(lostAt);
        assertThat(model.vehicle("v-1").orElseThrow().position()).contains(new GeoPoint(48.0, 11.0));
    }

    @Test
    void state_received_after_loss_clears_that_vehicles_stale_mark() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        inbox.offerState(States.at("v-2", 1, 48.1, 11.1), RECEIVED);
        model.apply(inbox.drain());
        inbox.connectionLost(RECEIVED.plusSeconds(5));
        model.apply(inbox.drain());

        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED.plusSeconds(9));
        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().isStale()).isFalse();
        assertThat(model.vehicle("v-2").orElseThrow().isStale()).isTrue();
        assertThat(model.staleSince()).isEqualTo(RECEIVED.plusSeconds(5));
    }

    @Test
    void stale_time_clears_once_every_vehicle_is_fresh() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        model.apply(inbox.drain());
        inbox.connectionLost(RECEIVED.plusSeconds(5));
        model.apply(inbox.drain());

        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED.plusSeconds(9));
        model.apply(inbox.drain());

        assertThat(model.staleCount()).isZero();
        assertThat(model.staleSince()).isNull();
    }

    @Test
    void state_received_before_loss_in_same_frame_stays_stale() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        model.apply(inbox.drain());
        inbox.offerState(States.at("v-1", 2, 48.0, 11.0), RECEIVED);

        inbox.connectionLost(RECEIVED.plusSeconds(5));
        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().isStale()).isTrue();
        assertThat(model.vehicle("v-1").orElseThrow().state().orElseThrow().fixTime())
                .isEqualTo(States.T0.plusSeconds(2));
    }

    @Test
    void offline_presence_after_state_shows_vehicle_offline() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        inbox.offerPresence("demo", "v-1", Presence.OFFLINE, RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().status()).isEqualTo(VehicleStatus.OFFLINE);
    }

    @Test
    void presence_from_a_topic_of_another_fleet_is_ignored() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        model.apply(inbox.drain());
        inbox.offerPresence("north", "v-1", Presence.OFFLINE, RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().status()).isEqualTo(VehicleStatus.MOVING);
    }

    @Test
    void online_state_after_offline_presence_shows_motion_status() {
        inbox.offerPresence("demo", "v-1", Presence.OFFLINE, RECEIVED);
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().status()).isEqualTo(VehicleStatus.MOVING);
    }

    @Test
    void state_marked_offline_by_tracker_shows_vehicle_offline() {
        VehicleState silent = States.state("v-1", 1, 48.0, 11.0, 0.0, null);
        inbox.offerState(silent.withStatus(MotionStatus.OFFLINE, States.T0.plusSeconds(600)), RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().status()).isEqualTo(VehicleStatus.OFFLINE);
    }

    @Test
    void slow_vehicle_is_stopped() {
        inbox.offerState(States.state("v-1", 1, 48.0, 11.0, 0.5, Boolean.TRUE), RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-1").orElseThrow().status()).isEqualTo(VehicleStatus.STOPPED);
    }

    @Test
    void presence_without_state_lists_vehicle_without_position() {
        inbox.offerPresence("demo", "v-9", Presence.ONLINE, RECEIVED);

        model.apply(inbox.drain());

        assertThat(model.vehicle("v-9").orElseThrow().status()).isEqualTo(VehicleStatus.NO_FIX);
        assertThat(model.vehicle("v-9").orElseThrow().position()).isEmpty();
        assertThat(model.bounds()).isEmpty();
    }

    @Test
    void empty_frame_changes_nothing() {
        inbox.offerState(States.at("v-1", 1, 48.0, 11.0), RECEIVED);
        model.apply(inbox.drain());
        long version = model.version();

        boolean changed = model.apply(inbox.drain());

        assertThat(changed).isFalse();
        assertThat(model.version()).isEqualTo(version);
    }
}
