package org.fleettracker.console.internal;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsStoreTest {

    private static final String SECRET = "s3cret-password";

    @TempDir
    Path dataDir;

    private ConsoleSettings changed() {
        return ConsoleSettings.of("ssl://broker.example:8883", "north", "alice", SECRET)
                .withDataDir(dataDir)
                .withApiUrl(URI.create("https://tracker.example:8443"))
                .withTileUrl(null)
                .withSessionExpiry(Duration.ofSeconds(120))
                .withTheme(Theme.DARK);
    }

    private ConsoleSettings defaults() {
        return ConsoleSettings.of(
                        ConsoleSettings.DEFAULT_BROKER_URI,
                        ConsoleSettings.DEFAULT_FLEET_ID,
                        ConsoleSettings.DEFAULT_USERNAME,
                        "from-command-line")
                .withDataDir(dataDir)
                .withTileUrl(ConsoleSettings.DEFAULT_TILE_URL);
    }

    @Test
    void saved_settings_round_trip() throws IOException {
        SettingsStore store = new SettingsStore(dataDir);

        store.save(changed(), EnumSet.allOf(SavedSetting.class));
        ConsoleSettings loaded = store.applySaved(defaults(), Set.of());

        assertThat(loaded.brokerUri()).isEqualTo("ssl://broker.example:8883");
        assertThat(loaded.fleetIds()).containsExactly("north");
        assertThat(loaded.username()).isEqualTo("alice");
        assertThat(loaded.apiUrl()).isEqualTo(URI.create("https://tracker.example:8443"));
        assertThat(loaded.tileUrl()).isNull();
        assertThat(loaded.sessionExpiry()).isEqualTo(Duration.ofSeconds(120));
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void saved_file_has_no_password() throws IOException {
        SettingsStore store = new SettingsStore(dataDir);

        store.save(changed(), EnumSet.allOf(SavedSetting.class));

        String text = Files.readString(store.file(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(SECRET);
        assertThat(text).doesNotContainIgnoringCase("password=");
        assertThat(text).contains("broker.url=ssl\\://broker.example\\:8883", "theme=dark", "tile.url=none");
    }

    @Test
    void loaded_settings_keep_the_command_line_password() throws IOException {
        SettingsStore store = new SettingsStore(dataDir);
        store.save(changed(), EnumSet.allOf(SavedSetting.class));

        ConsoleSettings loaded = store.applySaved(defaults(), Set.of());

        assertThat(loaded.password()).isEqualTo("from-command-line");
    }

    @Test
    void command_line_options_win_over_saved_values() throws IOException {
        SettingsStore store = new SettingsStore(dataDir);
        store.save(changed(), EnumSet.allOf(SavedSetting.class));

        ConsoleSettings loaded = store.applySaved(defaults(), EnumSet.of(SavedSetting.BROKER_URL, SavedSetting.THEME));

        assertThat(loaded.brokerUri()).isEqualTo(ConsoleSettings.DEFAULT_BROKER_URI);
        assertThat(loaded.theme()).isEqualTo(Theme.LIGHT);
        assertThat(loaded.fleetIds()).containsExactly("north");
        assertThat(loaded.sessionExpiry()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void missing_file_leaves_settings_unchanged() {
        SettingsStore store = new SettingsStore(dataDir.resolve("absent"));

        ConsoleSettings loaded = store.applySaved(defaults(), Set.of());

        assertThat(loaded).isEqualTo(defaults());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "broker.url=http://wrong:1883|must look like tcp://host:port|--broker-url",
                "fleet=north,,south|has an empty fleet id|--fleet",
                "fleet=north,north|fleet id 'north' is given twice|--fleet",
                "fleet=|give at least one fleet id|--fleet",
                "session.expiry.seconds=soon|whole number of seconds|--session-expiry",
                "theme=purple|purple|--theme"
            })
    void invalid_saved_value_is_an_error_naming_file_line_and_option(String line, String reason, String option)
            throws IOException {
        Files.writeString(dataDir.resolve(SettingsStore.FILE_NAME), "extra=1\n" + line + "\n");
        SettingsStore store = new SettingsStore(dataDir);

        assertThatThrownBy(() -> store.applySaved(defaults(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("saved setting " + line + " in " + store.file() + " is invalid: ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("correct or delete that line, or give " + option + " on the command line");
    }

    @Test
    void option_given_skips_an_invalid_saved_value() throws IOException {
        Files.writeString(dataDir.resolve(SettingsStore.FILE_NAME), "fleet=north,,south\ntheme=dark\n");

        ConsoleSettings loaded = new SettingsStore(dataDir).applySaved(defaults(), EnumSet.of(SavedSetting.FLEET));

        assertThat(loaded.fleetIds()).isEqualTo(defaults().fleetIds());
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void save_of_some_keys_keeps_the_other_entries() throws IOException {
        SettingsStore store = new SettingsStore(dataDir);
        Files.writeString(store.file(), "fleet=north\ncustom.key=kept\n");

        store.save(defaults().withTheme(Theme.DARK), List.of(SavedSetting.THEME));

        Map<SavedSetting, String> saved = store.load();
        assertThat(saved).containsEntry(SavedSetting.FLEET, "north").containsEntry(SavedSetting.THEME, "dark");
        assertThat(saved).doesNotContainKey(SavedSetting.BROKER_URL);
        assertThat(Files.readString(store.file())).contains("custom.key=kept");
    }

    @Test
    void save_leaves_no_temporary_file() throws IOException {
        SettingsStore store = new SettingsStore(dataDir);

        store.save(changed(), EnumSet.allOf(SavedSetting.class));
        store.save(defaults(), EnumSet.allOf(SavedSetting.class));

        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void save_creates_the_data_folder() throws IOException {
        SettingsStore store = new SettingsStore(dataDir.resolve("new/console"));

        store.save(changed(), List.of(SavedSetting.FLEET));

        assertThat(store.load()).containsExactly(Map.entry(SavedSetting.FLEET, "north"));
    }
}
