package org.fleettracker.simulator.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMainTest {

    @TempDir
    Path folder;

    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--vehicles|0|vehicles must be between 1 and 10000, got 0",
                "--vehicles|999999|vehicles must be between 1 and 10000, got 999999",
                "--warmup-seconds|-1|warm-up must not be negative, got -1 s",
                "--max-warmup-seconds|-1|longest warm-up must not be negative, got -1 s",
                "--latency-rate|0|latency rate must be at least 1 msg/s, got 0",
                "--pipeline-seconds|0|must be positive",
                "--trackers|0|trackers must be between 1 and 8, got 0",
                "--trackers|9|trackers must be between 1 and 8, got 9"
            })
    void invalid_option_exits_with_2_before_any_run(String option, String value, String message) {
        int exitCode = run("--tracker-classpath", "absent.jar", option, value);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("\tat ");
    }

    @Test
    void json_file_in_a_missing_folder_exits_with_2_before_any_run() {
        Path json = folder.resolve("absent").resolve("bench.json");

        int exitCode = run("--tracker-classpath", "absent.jar", "--json", json.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist or cannot be written");
    }

    @Test
    void used_work_folder_is_rejected() throws IOException {
        Path used = Files.createDirectories(folder.resolve("used"));
        Files.writeString(used.resolve("transport-broker.ready"), "tcp://127.0.0.1:1");

        int exitCode = run("--tracker-classpath", "absent.jar", "--work-dir", used.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("is not empty").doesNotContain("\tat ");
    }

    @Test
    void work_folder_file_is_rejected() throws IOException {
        Path file = Files.writeString(folder.resolve("plain"), "x");

        int exitCode = run("--tracker-classpath", "absent.jar", "--work-dir", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("is a file").doesNotContain("\tat ");
    }

    @Test
    void json_file_that_is_a_folder_exits_with_2_before_any_run() {
        int exitCode = run("--tracker-classpath", "absent.jar", "--json", folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("is a folder; name a file");
    }

    @Test
    void database_url_other_than_postgresql_exits_with_2_before_any_run() {
        int exitCode = run("--tracker-classpath", "absent.jar", "--db-url", "jdbc:h2:tcp://127.0.0.1:1/x");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("must be a jdbc:postgresql: URL");
    }

    @Test
    void two_trackers_without_a_shared_database_exit_with_2_before_any_run() {
        int exitCode = run("--tracker-classpath", "absent.jar", "--trackers", "2");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("2 trackers need one database to share: set --db-url");
    }

    @Test
    void help_lists_the_exit_statuses() {
        String help = help();

        assertThat(help).contains("Exit status:", "2   an option is invalid", "3   the run finished");
        assertThat(help).contains("1   a fix was lost, or the benchmark failed, such as when the tracker");
    }

    @Test
    void help_names_the_work_folder_options() {
        // Picocli wraps the descriptions, so the words are compared with single spaces.
        assertThat(help().replaceAll("\\s+", " "))
                .contains("--keep-work-dir", "New or empty folder", "deleted after a run that lost no fix");
    }

    private static String help() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchMain());
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(commandLine.execute("--help")).isZero();
        return out.toString();
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new BenchMain());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
