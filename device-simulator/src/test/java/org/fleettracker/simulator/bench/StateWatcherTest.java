package org.fleettracker.simulator.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StateWatcherTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_vehicle_and_seq_past_nested_objects() {
        byte[] state = json("{\"fleetId\":\"bench\",\"job\":{\"jobId\":\"j1\",\"seq\":99,\"stops\":[{\"seq\":1}]},"
                + "\"vehicleId\":\"bench-007\",\"seq\":42,\"speedKmh\":30.5}");

        assertThat(StateWatcher.readVehicleSeq(state)).isEqualTo(new StateWatcher.VehicleSeq("bench-007", 42));
    }

    @Test
    void payload_without_both_fields_is_undecodable() {
        assertThat(StateWatcher.readVehicleSeq(json("{\"vehicleId\":\"v\"}"))).isNull();
        assertThat(StateWatcher.readVehicleSeq(json("{\"seq\":3}"))).isNull();
        assertThat(StateWatcher.readVehicleSeq(json("[1,2]"))).isNull();
        assertThat(StateWatcher.readVehicleSeq(json("{\"vehicleId\":"))).isNull();
    }

    @Test
    void committed_fixes_follow_highest_seq() {
        StateWatcher watcher = new StateWatcher(Map.of("a", 0), new long[] {10});

        watcher.accept("t", json("{\"vehicleId\":\"a\",\"seq\":12}"));
        watcher.accept("t", json("{\"vehicleId\":\"a\",\"seq\":11}"));
        watcher.accept("t", json("{\"vehicleId\":\"b\",\"seq\":50}"));

        assertThat(watcher.committedFixes()).isEqualTo(3);
    }
}
