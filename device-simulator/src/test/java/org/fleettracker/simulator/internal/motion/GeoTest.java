package org.fleettracker.simulator.internal.motion;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoTest {

    @ParameterizedTest
    @CsvSource({
        "46.0,14.0,46.001,14.0,0",
        "46.0,14.0,46.0,14.001,90",
        "46.0,14.0,45.999,14.0,180",
        "46.0,14.0,46.0,13.999,270"
    })
    void bearing_points_clockwise_from_north(double lat1, double lon1, double lat2, double lon2, double expected) {
        assertThat(Geo.bearingDeg(lat1, lon1, lat2, lon2)).isCloseTo(expected, within(0.01));
    }

    @ParameterizedTest
    @CsvSource({"-10,350", "360,0", "725,5", "-1e-20,0"})
    void normalize_maps_angles_below_360(double input, double expected) {
        assertThat(Geo.normalizeDeg(input)).isCloseTo(expected, within(1e-6)).isLessThan(360);
    }

    @ParameterizedTest
    @CsvSource({"46.0569,14.5058,46.0469,14.5058,1112", "0,0,0,1,111195"})
    void haversine_distance_matches_known_values(double lat1, double lon1, double lat2, double lon2, double expectedM) {
        assertThat(Geo.distanceM(lat1, lon1, lat2, lon2)).isCloseTo(expectedM, within(1.0));
    }
}
