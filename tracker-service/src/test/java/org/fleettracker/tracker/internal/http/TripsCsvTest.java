package org.fleettracker.tracker.internal.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TripsCsvTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "plain-id      | plain-id",
                "a,b           | \"a,b\"",
                "say \"hi\"    | \"say \"\"hi\"\"\"",
            })
    void field_is_quoted_only_when_needed(String field, String expected) {
        assertThat(TripsCsv.quoted(field)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'line\nbreak'", "'carriage\rreturn'"})
    void field_with_a_line_break_is_quoted(String field) {
        assertThat(TripsCsv.quoted(field)).isEqualTo('"' + field + '"');
    }
}
