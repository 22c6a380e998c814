package org.fleettracker.console.internal.ui;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"0, 0 s", "59, 59 s", "60, 1 min 0 s", "185, 3 min 5 s", "7800, 2 h 10 min", "90000, 1 d 1 h", "-5, 0 s"
    })
    void age_reads_in_largest_useful_units(long seconds, String expected) {
        assertThat(Formats.age(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"500, 500 m", "2000, 2 km", "50, 50 m"})
    void distance_switches_to_kilometres(double distanceM, String expected) {
        assertThat(Formats.distance(distanceM)).isEqualTo(expected);
    }
}
