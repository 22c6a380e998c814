package org.fleettracker.tracker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetSettingsTest {

    @TempDir
    Path folder;

    @Test
    void defaults_are_the_documented_values() {
        FleetSettings defaults = FleetSettings.defaults();

        assertThat(defaults.offlineTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.staleAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.overspeedLimitKmh()).isEqualTo(110);
        assertThat(defaults.idleMaxDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.tripMinDistanceM()).isEqualTo(300);
        assertThat(defaults.stopMinDuration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(TrackerSettings.builder().build().fleet()).isEqualTo(defaults);
    }

    @Test
    void every_key_round_trips_through_properties() {
        Properties properties = new Properties();
        properties.putAll(FleetSettings.defaults().asProperties());

        assertThat(properties.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(FleetSettings.KEYS);
        assertThat(FleetSettings.fromProperties(properties)).isEqualTo(FleetSettings.defaults());
    }

    @Test
    void config_file_sets_a_fleet_key() throws IOException {
        Path config = writeConfig("fleet.offline-timeout=3m\nfleet.overspeed-limit-kmh=90\n");

        FleetSettings fleet = parse("--config", config.toString()).fleet();

        assertThat(fleet.offlineTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(fleet.overspeedLimitKmh()).isEqualTo(90);
        assertThat(fleet.idleMaxDuration()).isEqualTo(FleetSettings.defaults().idleMaxDuration());
    }

    @Test
    void misspelt_fleet_key_is_an_error() throws IOException {
        Path config = writeConfig("fleet.offline-timout=3m\n");

        assertThatThrownBy(() -> parse("--config", config.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unknown key 'fleet.offline-timout'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fleet.offline-timeout=soon",
                "fleet.offline-timeout=0s",
                "fleet.overspeed-limit-kmh=-1",
                "fleet.eta-min-speed-kmh=0",
                "fleet.stop-radius-m=far"
            })
    void invalid_fleet_value_is_an_error(String line) throws IOException {
        Path config = writeConfig(line + "\n");

        assertThatThrownBy(() -> parse("--config", config.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("fleet.*");
    }

    @Test
    void shipped_config_file_has_the_default_fleet_thresholds() {
        assertThat(parse("--config", "../config/tracker.properties").fleet()).isEqualTo(FleetSettings.defaults());
    }

    private static TrackerSettings parse(String... args) {
        Main main = new Main(Map.of());
        Main.commandLine(main).parseArgs(args);
        return main.settings();
    }

    private Path writeConfig(String text) throws IOException {
        Path file = folder.resolve("tracker-" + Integer.toHexString(text.hashCode()) + ".properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
