package org.fleettracker.console.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleSettingsTest {

    private static final ConsoleSettings DEMO =
            ConsoleSettings.of("tcp://127.0.0.1:1883", "demo", "dispatcher", "dispatcher-demo");

    @Test
    void defaults_have_no_tiles_and_one_hour_session() {
        assertThat(DEMO.tileUrl()).isNull();
        assertThat(DEMO.sessionExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(DEMO.theme()).isEqualTo(Theme.LIGHT);
        assertThat(DEMO.dataDir().getFileName()).hasToString(".fleet-console");
    }

    @Test
    void with_methods_keep_other_fields() {
        ConsoleSettings changed = DEMO.withDataDir(Path.of("/tmp/console"))
                .withSessionExpiry(Duration.ofMinutes(5))
                .withTileUrl(ConsoleSettings.DEFAULT_TILE_URL)
                .withTheme(Theme.DARK);

        assertThat(changed.dataDir()).isEqualTo(Path.of("/tmp/console"));
        assertThat(changed.sessionExpiry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(changed.tileUrl()).isEqualTo(ConsoleSettings.DEFAULT_TILE_URL);
        assertThat(changed.theme()).isEqualTo(Theme.DARK);
        assertThat(changed.withWindowSize(800, 600).theme()).isEqualTo(Theme.DARK);
        assertThat(changed.brokerUri()).isEqualTo(DEMO.brokerUri());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://tiles.example/{z}/{x}/{y}.png",
                "https://tiles.example/{z}/{x}.png",
                "tiles.example/{z}/{x}/{y}.png"
            })
    void tile_url_without_template_is_rejected(String template) {
        assertThatThrownBy(() -> DEMO.withTileUrl(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(template)
                .hasMessageContaining("{z}, {x} and {y}");
    }

    @Test
    void negative_session_expiry_is_rejected() {
        assertThatThrownBy(() -> DEMO.withSessionExpiry(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session expiry");
    }

    @Test
    void fleet_ids_parse_from_comma_separated_text() {
        assertThat(ConsoleSettings.parseFleetIds(" north , south ")).containsExactly("north", "south");
        assertThat(DEMO.withFleetIds(List.of("north", "south")).fleetIdsText()).isEqualTo("north,south");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "north,", "north north", "north,NORTH,north"})
    void bad_fleet_lists_are_rejected(String text) {
        assertThatThrownBy(() -> ConsoleSettings.parseFleetIds(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet id");
    }

    @Test
    void one_console_follows_at_most_fifty_fleets() {
        List<String> fleets = IntStream.rangeClosed(1, ConsoleSettings.MAX_FLEETS + 1)
                .mapToObj(i -> "fleet-" + i)
                .toList();

        assertThat(DEMO.withFleetIds(fleets.subList(0, ConsoleSettings.MAX_FLEETS))
                        .fleetIds())
                .hasSize(50);
        assertThatThrownBy(() -> DEMO.withFleetIds(fleets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("51 fleet ids are too many for one console: give at most 50");
        assertThatThrownBy(() -> DEMO.withFleetIds(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give at least one fleet id");
    }

    @Test
    void to_string_leaves_out_the_password() {
        assertThat(DEMO.toString()).doesNotContain("dispatcher-demo").contains("sessionExpiry=PT1H");
    }
}
