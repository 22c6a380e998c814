package org.fleettracker.tracker.internal.state;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.Fixes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VehicleStatesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final VehicleStates states = new VehicleStates();
    private final List<Telemetry> track = Fixes.track("v1", 100, 5);

    @Test
    void newer_fix_moves_the_state() {
        states.applyFix(stored(track.get(0)), NOW);

        Optional<VehicleState> changed = states.applyFix(stored(track.get(1)), NOW);

        assertThat(changed).isPresent();
        assertThat(states.get("v1").seq()).isEqualTo(track.get(1).seq());
        assertThat(states.get("v1").latitudeDeg()).isEqualTo(track.get(1).latitudeDeg());
        assertThat(states.get("v1").status()).isEqualTo(MotionStatus.MOVING);
    }

    @Test
    void late_fix_leaves_the_state_unchanged() {
        states.applyFix(stored(track.get(3)), NOW);
        VehicleState before = states.get("v1");

        Optional<VehicleState> changed = states.applyFix(stored(track.get(1)), NOW.plusSeconds(1));

        assertThat(changed).isEmpty();
        assertThat(states.get("v1")).isEqualTo(before);
    }

    @Test
    void equal_fix_time_higher_seq_moves_state() {
        Telemetry first = track.get(0);
        Telemetry sameTime = Fixes.fix("v1", first.seq() + 1, first.fixTime(), 1.0, 2.0);
        states.applyFix(stored(first), NOW);

        Optional<VehicleState> changed = states.applyFix(stored(sameTime), NOW);

        assertThat(changed).map(VehicleState::seq).contains(sameTime.seq());
    }

    @Test
    void early_presence_applies_with_first_fix() {
        Optional<VehicleState> presenceChange = states.applyPresence("v1", true, NOW);

        Optional<VehicleState> fixChange = states.applyFix(stored(track.get(0)), NOW);

        assertThat(presenceChange).isEmpty();
        assertThat(fixChange).map(VehicleState::online).contains(true);
    }

    @Test
    void presence_change_updates_online_and_keeps_the_position() {
        states.applyFix(stored(track.get(0)), NOW);

        Optional<VehicleState> changed = states.applyPresence("v1", false, NOW.plusSeconds(2));

        assertThat(changed).map(VehicleState::online).contains(false);
        assertThat(changed).map(VehicleState::seq).contains(track.get(0).seq());
        assertThat(changed).map(VehicleState::updatedTime).contains(NOW.plusSeconds(2));
    }

    @Test
    void repeated_presence_is_no_change() {
        states.applyFix(stored(track.get(0)), NOW);
        states.applyPresence("v1", true, NOW);

        assertThat(states.applyPresence("v1", true, NOW)).isEmpty();
    }

    @Test
    void loaded_state_keeps_fleet_and_moves_forward_only() {
        states.load(List.of(stored(track.get(2))));

        assertThat(states.fleetOf("v1")).contains("demo");
        assertThat(states.applyFix(stored(track.get(1)), NOW)).isEmpty();
        assertThat(states.applyFix(stored(track.get(4)), NOW)).isPresent();
    }

    private static StoredPosition stored(Telemetry fix) {
        return new StoredPosition("demo", fix, fix.fixTime().plusMillis(300));
    }
}
