package org.fleettracker.console.api;

import org.fleettracker.console.internal.SettingsStore;
import org.fleettracker.console.internal.ui.ConsoleStartException;
import org.fleettracker.console.internal.ui.LaunchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void help_lists_every_option_and_exits_zero() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains(
                        "--broker-url",
                        "--fleet",
                        "--username",
                        "--password",
                        "--width",
                        "--height",
                        "--screenshot",
                        "--screenshot-after",
                        "tcp://127.0.0.1:1883");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--width=abc|'abc' is not an int",
                "--broker-url=http://127.0.0.1:1883|must look like tcp://host:port",
                "--fleet=bad fleet|fleet id 'bad fleet' is invalid",
                "--fleet=north,north|fleet id 'north' is given twice",
                "--fleet=north,,south|fleet list 'north,,south' has an empty fleet id",
                "--fleet=|give at least one fleet id",
                "--width=50|too small",
                "--screenshot-after=-1|--screenshot-after must be 0 to 3600 seconds",
                "--screenshot-after=3|--screenshot-after needs --screenshot FILE",
                "--no-such-option|Unknown option",
                "--trust-store=absent.p12|applies only to an ssl:// broker URI",
                "--session-expiry=-1|session expiry must be 0 s to 4294967294 s, got -1 s",
                "--session-expiry=99999999999|got 99999999999 s",
                "--metrics-port=70000|--metrics-port must be from 0 to 65535, got 70000",
                "--metrics-port=abc|'abc' is not an int"
            })
    void bad_option_exits_two_with_reason(String option, String reason) {
        int exitCode = run(option);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains(reason);
    }

    @Test
    void missing_trust_store_exits_two() {
        int exitCode = run("--broker-url=ssl://127.0.0.1:1", "--trust-store=absent.p12");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Trust store absent.p12 not found");
    }

    @Test
    void help_names_the_trust_store_password_variable() {
        run("--help");

        assertThat(out.toString()).contains("--trust-store", "--trust-store-password", Main.TRUST_STORE_PASSWORD_ENV);
    }

    @Test
    void no_password_asks_for_a_login() {
        LaunchRequest request = launch(Map.of());

        assertThat(request.loginRequired()).isTrue();
        assertThat(request.settings().password()).isEmpty();
    }

    @Test
    void empty_password_variable_asks_for_a_login() {
        LaunchRequest request = launch(Map.of(Main.PASSWORD_ENV, ""));

        assertThat(request.loginRequired()).isTrue();
    }

    @Test
    void password_variable_skips_the_login() {
        LaunchRequest request = launch(Map.of(Main.PASSWORD_ENV, "from-env"));

        assertThat(request.loginRequired()).isFalse();
        assertThat(request.settings().password()).isEqualTo("from-env");
    }

    @Test
    void password_option_wins_over_the_variable() {
        LaunchRequest request = launch(Map.of(Main.PASSWORD_ENV, "from-env"), "--password=from-option");

        assertThat(request.settings().password()).isEqualTo("from-option");
    }

    @Test
    void screenshot_without_password_exits_two() {
        int exitCode = run("--data-dir=" + dataDir, "--screenshot=shot.png");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--screenshot needs --password or " + Main.PASSWORD_ENV);
    }

    @Test
    void options_set_every_saved_value() {
        LaunchRequest request = launch(
                Map.of(Main.PASSWORD_ENV, "pw"),
                "--broker-url=tcp://10.0.0.5:1884",
                "--api-url=http://127.0.0.1:8081",
                "--fleet=north",
                "--username=alice",
                "--tile-url=none",
                "--session-expiry=60",
                "--theme=dark");

        ConsoleSettings settings = request.settings();
        assertThat(settings.brokerUri()).isEqualTo("tcp://10.0.0.5:1884");
        assertThat(settings.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(settings.fleetIds()).containsExactly("north");
        assertThat(settings.username()).isEqualTo("alice");
        assertThat(settings.tileUrl()).isNull();
        assertThat(settings.sessionExpiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.theme()).isEqualTo(Theme.DARK);
        assertThat(settings.dataDir()).isEqualTo(dataDir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "None", "none"})
    void tile_url_none_in_any_case_disables_tiles(String value) {
        LaunchRequest request = launch(Map.of(Main.PASSWORD_ENV, "pw"), "--tile-url=" + value);

        assertThat(request.settings().tileUrl()).isNull();
    }

    @Test
    void saved_settings_apply_when_no_option_is_given() throws IOException {
        Files.writeString(
                dataDir.resolve(SettingsStore.FILE_NAME),
                "broker.url=tcp://10.0.0.9:1883\nfleet=north\ntheme=dark\ntile.url=none\n"
                        + "api.url=http://127.0.0.1:9090\n");

        ConsoleSettings settings = launch(Map.of()).settings();

        assertThat(settings.brokerUri()).isEqualTo("tcp://10.0.0.9:1883");
        assertThat(settings.fleetIds()).containsExactly("north");
        assertThat(settings.theme()).isEqualTo(Theme.DARK);
        assertThat(settings.tileUrl()).isNull();
        assertThat(settings.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9090"));
    }

    @Test
    void fleet_option_repeats_and_splits_at_commas() {
        ConsoleSettings settings = launch(Map.of(Main.PASSWORD_ENV, "pw"), "--fleet=north,south", "--fleet", "west")
                .settings();

        assertThat(settings.fleetIds()).containsExactly("north", "south", "west");
    }

    @Test
    void saved_fleets_apply_in_their_order() throws IOException {
        Files.writeString(dataDir.resolve(SettingsStore.FILE_NAME), "fleet=south, north\n");

        assertThat(launch(Map.of()).settings().fleetIds()).containsExactly("south", "north");
    }

    @Test
    void invalid_saved_fleets_stop_the_start_with_the_reason() throws IOException {
        Files.writeString(dataDir.resolve(SettingsStore.FILE_NAME), "fleet=north,,south\n");

        int exitCode = run("--password=pw");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains("saved setting fleet=north,,south in ")
                .contains("has an empty fleet id")
                .contains("give --fleet on the command line");
    }

    @Test
    void options_win_over_saved_settings() throws IOException {
        Files.writeString(
                dataDir.resolve(SettingsStore.FILE_NAME), "broker.url=tcp://10.0.0.9:1883\nfleet=north\ntheme=dark\n");

        ConsoleSettings settings =
                launch(Map.of(), "--fleet=south", "--theme=light").settings();

        assertThat(settings.fleetIds()).containsExactly("south");
        assertThat(settings.theme()).isEqualTo(Theme.LIGHT);
        assertThat(settings.brokerUri()).isEqualTo("tcp://10.0.0.9:1883");
    }

    @Test
    void saved_ssl_broker_accepts_a_trust_store_option() throws IOException {
        Files.writeString(dataDir.resolve(SettingsStore.FILE_NAME), "broker.url=ssl://127.0.0.1:8883\n");

        int exitCode = run("--data-dir=" + dataDir, "--trust-store=absent.p12");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Trust store absent.p12 not found");
    }

    @Test
    void console_start_failure_names_the_reason_only() {
        String line = Main.startFailure(new ConsoleStartException(
                new IllegalStateException("the console data folder /d is in use by another console")));

        assertThat(line).isEqualTo("Cannot start the console: the console data folder /d is in use by another console");
        assertThat(line).doesNotContain("DISPLAY");
    }

    @Test
    void toolkit_failure_gives_display_advice() {
        String line = Main.startFailure(new UnsupportedOperationException("Unable to open DISPLAY"));

        assertThat(line).startsWith("Cannot start the JavaFX window: Unable to open DISPLAY.");
        assertThat(line).contains("xvfb-run -a");
    }

    @Test
    void help_names_password_variable() {
        run("--help");

        assertThat(out.toString()).contains(Main.PASSWORD_ENV, "login", "console.properties");
    }

    private LaunchRequest launch(Map<String, String> environment, String... args) {
        Main main = new Main(environment::get);
        CommandLine commandLine = Main.commandLine(main);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir=" + dataDir);
        commandLine.parseArgs(all.toArray(String[]::new));
        return main.launchRequest();
    }

    /** Runs the launcher without environment variables; the data folder is the test's unless an option sets it. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(arg -> arg.startsWith("--data-dir"))) {
            all.add("--data-dir=" + dataDir);
        }
        CommandLine commandLine = Main.commandLine(new Main(name -> null));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }
}
