package org.fleettracker.console.internal.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class NiceStepsTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "1.9, 1", "2, 2", "4.99, 2", "5, 5", "9.9, 5", "140, 100", "0.0031, 0.002", "730, 500"})
    void floor_is_largest_round_number_not_above(double limit, double expected) {
        assertThat(NiceSteps.floor(limit)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1.1, 2", "2, 2", "2.5, 5", "6, 10", "0.0031, 0.005", "0.011, 0.02"})
    void ceil_is_smallest_round_number_not_below(double minimum, double expected) {
        assertThat(NiceSteps.ceil(minimum)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void floor_rejects_zero() {
        assertThatIllegalArgumentException().isThrownBy(() -> NiceSteps.floor(0.0));
    }
}
