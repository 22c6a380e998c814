package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.FleetScenario;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FleetScenarioTest {

    @TempDir
    Path dataDir;

    @Test
    void replayed_track_moves_state_and_acknowledges_every_fix() throws SQLException {
        var track = new TrackBuilder("v1", Fixes.START, 52.5, 13.4)
                .driveTo(52.51, 13.4, 36)
                .halt(Duration.ofMinutes(1))
                .fixes();

        try (var scenario = new FleetScenario(dataDir, FleetSettings.defaults(), Fixes.START, FleetRules::standard)) {
            scenario.drive(track);

            assertThat(scenario.acknowledged()).isEqualTo(track.size());
            assertThat(scenario.states().get("v1").latitudeDeg()).isEqualTo(52.51);
            assertThat(scenario.publishedStates("v1")).hasSize(track.size());
        }
    }
}
