package org.fleettracker.simulator.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleOutput console = new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void help_exits_with_0() {
        int exitCode = Main.run(console, "--help");

        assertThat(exitCode).isZero();
    }

    @Test
    void fit_duration_without_replay_exits_with_2() {
        int exitCode = Main.run(console, "--fit-duration", "60");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fit-duration needs --replay");
    }

    @Test
    void replay_length_spans_first_to_last_point() throws Exception {
        Path file = tempDir.resolve("drive.gpx");
        try (var fixture = MainTest.class.getResourceAsStream("/gpx/drive-1.1.gpx")) {
            Files.copy(java.util.Objects.requireNonNull(fixture), file);
        }
        SimulatorSettings settings =
                SimulatorSettings.builder().replayFile(file).build();

        assertThat(Simulator.replayLength(settings)).isEqualTo(java.time.Duration.ofSeconds(35));
    }

    @Test
    void metrics_port_out_of_range_exits_with_2() {
        int exitCode = Main.run(console, "--metrics-port", "70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("metrics port must be from 0 to 65535, got 70000");
    }

    @Test
    void invalid_job_dwell_exits_with_2() {
        int exitCode = Main.run(console, "--job-dwell", "-5s");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--job-dwell must be 0 or more, got -5 s");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--clock-skew-ratio 0.5|--clock-skew-ratio needs --clock-skew DURATION",
                "--clock-skew-ratio 1|--clock-skew-ratio needs --clock-skew DURATION",
                "--clock-skew-vehicles sim-001|--clock-skew-vehicles needs --clock-skew DURATION",
                "--clock-skew 1m --clock-skew-ratio 0.5 --clock-skew-vehicles sim-001"
                        + "|--clock-skew-ratio and --clock-skew-vehicles exclude each other"
            })
    void ignored_clock_skew_option_exits_with_2(String options, String message) {
        // Without the check, the run would start, fail to connect and exit with 1 after its 1 s duration.
        List<String> arguments = new ArrayList<>(List.of(options.split(" ")));
        arguments.addAll(List.of("--broker-url", "tcp://127.0.0.1:1", "--duration", "1"));

        int exitCode = Main.run(console, arguments.toArray(String[]::new));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
    }

    @Test
    void clock_skew_for_unknown_vehicle_exits_with_2() {
        int exitCode = Main.run(
                console,
                "--vehicles",
                "3",
                "--broker-url",
                "tcp://127.0.0.1:1",
                "--clock-skew",
                "10m",
                "--clock-skew-vehicles",
                "sim-002,truck-9");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("clock skew vehicles [truck-9] are not in this run");
    }

    @Test
    void negative_stopped_interval_exits_with_2_in_ms() {
        int exitCode = Main.run(console, "--stopped-interval-ms", "-5");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--stopped-interval-ms must be at least 1 ms, got -5")
                .doesNotContain("PT");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--stopped-interval-ms|0|--stopped-interval-ms must be at least 1 ms, got 0",
                "--interval-ms|-1|--interval-ms must be at least 1 ms, got -1",
                "--interval-ms|0|--interval-ms must be at least 1 ms, got 0",
                "--job-dwell|-1500ms|--job-dwell must be 0 or more, got -1500 ms",
                "--drop-connection-every|-5s|--drop-connection-every must be at least 1 s, got -5 s",
                "--clock-skew|0s|--clock-skew 0 skews nothing",
                "--duration|0|--duration must be at least 1 second, got 0",
                "--progress-seconds|-2|--progress-seconds must be at least 1, got -2",
                "--buffer-sync-ms|0|--buffer-sync-ms must be from 1 to 60000, got 0"
            })
    void nonpositive_duration_names_option(String option, String value, String message) {
        int exitCode = Main.run(console, option, value);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).doesNotContain("PT");
    }

    @Test
    void unknown_option_exits_with_2() {
        int exitCode = Main.run(console, "--no-such-option");

        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void malformed_center_exits_with_2() {
        int exitCode = Main.run(console, "--center", "46.05");

        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void out_of_range_value_exits_with_2() {
        int exitCode = Main.run(console, "--vehicles", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--vehicles 0 is out of range [1, 5000]");
    }

    @Test
    void gateway_vehicles_with_replay_exits_with_2() throws IOException {
        Path file = Files.writeString(tempDir.resolve("track.csv"), "lat,lon\n46.05,14.50\n");

        int exitCode = Main.run(console, "--replay", file.toString(), "--gateway-vehicles", "10");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gateway mode applies to generated vehicles only");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--duration|9999999999999|duration must be at most 365 days",
                "--drop-connection-every|999999999999h|drop connection period must be at most 365 days",
                "--clock-skew|-999999999999h|clock skew must be at most 365 days"
            })
    void overlong_duration_exits_with_2(String option, String value, String message) {
        int exitCode = Main.run(console, option, value);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
    }

    @ParameterizedTest
    @CsvSource({"1ms,1 ms", "999ms,999 ms", "0s,0 s"})
    void drop_period_below_1_s_exits_with_2(String value, String described) {
        int exitCode = Main.run(console, "--drop-connection-every", value);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--drop-connection-every must be at least 1 s, got " + described);
    }

    @Test
    void broken_gpx_exits_with_2_naming_line() throws IOException {
        Path file = tempDir.resolve("broken.gpx");
        Files.writeString(file, "<gpx version=\"1.1\">\n<trk>\n</gpx>\n");

        int exitCode = Main.run(console, "--replay", file.toString(), "--broker-url", "tcp://127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GPX file " + file + " is invalid at line 3");
    }

    @Test
    void unknown_replay_extension_exits_with_2() {
        Path file = tempDir.resolve("track.kml");

        int exitCode = Main.run(console, "--replay", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the format of replay file " + file + " is unknown")
                .contains("--replay-format");
    }

    @Test
    void replay_format_overrides_extension() throws IOException {
        Path file = tempDir.resolve("track.dat");
        Files.writeString(file, "no sentence here\n");

        int exitCode = Main.run(
                console, "--replay", file.toString(), "--replay-format", "nmea", "--broker-url", "tcp://127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("NMEA file " + file + " is invalid: it contains no NMEA fix to replay")
                .contains("not an NMEA sentence=1");
    }

    @Test
    void csv_replay_length_spans_rows() throws IOException {
        Path file = tempDir.resolve("rows.csv");
        Files.writeString(file, "time,lat,lon\n2024-05-01T08:00:00Z,46,14\n2024-05-01T08:01:30Z,46.01,14\n");
        SimulatorSettings settings =
                SimulatorSettings.builder().replayFile(file).build();

        assertThat(Simulator.replayLength(settings)).isEqualTo(java.time.Duration.ofSeconds(90));
    }

    @Test
    void missing_gpx_file_exits_with_2() {
        Path file = tempDir.resolve("absent.gpx");

        int exitCode = Main.run(console, "--replay", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + " does not exist");
    }

    @Test
    void missing_trust_store_exits_with_2() {
        Path file = tempDir.resolve("absent.p12");

        int exitCode = Main.run(
                console, "--broker-url", "ssl://127.0.0.1:1", "--trust-store", file.toString(), "--duration", "1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Trust store " + file + " not found");
    }

    @Test
    void trust_store_with_plain_url_exits_with_2() {
        int exitCode = Main.run(console, "--broker-url", "tcp://127.0.0.1:1", "--trust-store", "trust.p12");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("applies only to ssl://");
    }

    @Test
    void help_names_the_trust_store_password_variable() {
        String help = new CommandLine(new Main(console)).getUsageMessage();

        assertThat(help).contains("--trust-store", "--trust-store-password", Main.TRUST_STORE_PASSWORD_ENV);
    }

    @ParameterizedTest
    @CsvSource({"photo.gpx", "photo.csv", "photo.nmea", "photo.rec"})
    void binary_replay_file_exits_with_2_without_its_bytes(String name) throws IOException {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 7, 27};
        Path file = Files.write(tempDir.resolve(name), jpeg);

        int exitCode = Main.run(console, "--replay", file.toString());

        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isEqualTo(2);
        assertThat(error).contains("is not a text file, because it starts like a JPEG image");
        assertThat(error).doesNotContain("JFIF").doesNotContain("\\u00").doesNotContain("\uFFFD");
        assertThat(error.strip().chars().filter(Character::isISOControl)).isEmpty();
    }

    @Test
    void untimed_csv_warns_once_naming_csv() throws IOException {
        Path file = Files.writeString(tempDir.resolve("untimed.csv"), "lat,lon\n46.05,14.50\n46.06,14.51\n");

        List<String> warnings = warningsOf(() -> runReplayStoppedBeforeConnecting(file));

        assertThat(warnings)
                .filteredOn(line -> line.contains("has no times"))
                .singleElement()
                .asString()
                .startsWith("CSV file " + file + " has no times: its 2 points are sent 1000 ms apart");
    }

    @Test
    void unsorted_csv_with_fit_duration_warns_once() throws IOException {
        Path file = Files.writeString(
                tempDir.resolve("unsorted.csv"),
                "time,lat,lon\n2024-05-01T08:00:02Z,46.05,14.50\n2024-05-01T08:00:01Z,46.06,14.51\n");

        List<String> warnings = warningsOf(() -> runReplayStoppedBeforeConnecting(file));

        assertThat(warnings)
                .filteredOn(line -> line.contains("out of time order"))
                .hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[absent-vehicle] are not in this run");
    }

    /**
     * Runs a --fit-duration replay of {@code file} that reads the file and plans the fixes, then stops before it
     * connects, because its --clock-skew-vehicles names no vehicle of the run.
     */
    private int runReplayStoppedBeforeConnecting(Path file) {
        return Main.run(
                console,
                "--replay",
                file.toString(),
                "--fit-duration",
                "10",
                "--clock-skew",
                "1m",
                "--clock-skew-vehicles",
                "absent-vehicle");
    }

    /** Runs {@code action} and returns the formatted WARN messages the simulator logged meanwhile. */
    private static List<String> warningsOf(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger("org.fleettracker.simulator");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
