package org.fleettracker.tracker.internal.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangesTest {

    @Test
    void decode_turns_escapes_into_text() throws Exception {
        assertThat(Exchanges.decode("2026-01-31T08%3A00%3A00%2B01%3A00")).isEqualTo("2026-01-31T08:00:00+01:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%zz", "abc%E"})
    void decode_rejects_invalid_escape_as_bad_request(String raw) {
        assertThatThrownBy(() -> Exchanges.decode(raw))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'" + raw + "' has an invalid percent escape; write % as %25");
    }

    @Test
    void excerpt_keeps_short_value() {
        assertThat(Exchanges.excerpt("v".repeat(Exchanges.MAX_ECHO_CHARS))).isEqualTo("v".repeat(80));
    }

    @Test
    void excerpt_cuts_long_value() {
        assertThat(Exchanges.excerpt("v".repeat(100_000))).isEqualTo("v".repeat(80) + "...");
    }

    @Test
    void excerpt_does_not_split_surrogate_pair() {
        String value = "v".repeat(79) + "\uD83D\uDE97" + "tail";

        assertThat(Exchanges.excerpt(value)).isEqualTo("v".repeat(79) + "...");
    }
}
