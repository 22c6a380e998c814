package org.fleettracker.tracker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestSettingsTest {

    @TempDir
    Path folder;

    @Test
    void defaults_are_the_documented_values() {
        IngestSettings defaults = IngestSettings.defaults();

        assertThat(defaults.maxFixTimeAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxFixAge()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.maxImpliedSpeedKmh()).isEqualTo(300);
        assertThat(defaults.lowConfidenceAccuracyM()).isEqualTo(100);
        assertThat(TrackerSettings.builder().build().ingest()).isEqualTo(defaults);
    }

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "5m, PT5M", "2h, PT2H", "30d, PT720H", "PT10M, PT10M", "7D, PT168H"})
    void durations_take_a_unit(String text, String expected) {
        assertThat(IngestSettings.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 minutes", "-5m", "m"})
    void duration_without_a_valid_unit_is_an_error(String text) {
        assertThatThrownBy(() -> IngestSettings.parseDuration(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void config_file_sets_every_ingest_key() throws IOException {
        Path config = writeConfig("ingest.max-fix-time-ahead=2m\ningest.max-fix-age=7d\n"
                + "ingest.max-implied-speed-kmh=250\ningest.low-confidence-accuracy-m=50\n");

        IngestSettings ingest = parse("--config", config.toString()).ingest();

        assertThat(ingest).isEqualTo(new IngestSettings(Duration.ofMinutes(2), Duration.ofDays(7), 250, 50));
    }

    @Test
    void misspelt_ingest_key_is_an_error() throws IOException {
        Path config = writeConfig("ingest.max-fix-agee=7d\n");

        assertThatThrownBy(() -> parse("--config", config.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unknown key 'ingest.max-fix-agee'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest.max-fix-age=soon", "ingest.max-implied-speed-kmh=0", "ingest.max-fix-age=-P1D"})
    void invalid_ingest_value_is_an_error(String line) throws IOException {
        Path config = writeConfig(line + "\n");

        assertThatThrownBy(() -> parse("--config", config.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("ingest.*");
    }

    @Test
    void shipped_config_file_has_the_default_ingest_limits() {
        assertThat(parse("--config", "../config/tracker.properties").ingest()).isEqualTo(IngestSettings.defaults());
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
