package org.fleettracker.simulator.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BufferOptionsTest {

    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleOutput console = new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @ParameterizedTest
    @CsvSource({"drop-oldest, DROP_OLDEST", "DROP-NEWEST, DROP_NEWEST", " drop-newest , DROP_NEWEST"})
    void overflow_policy_parses_option_values(String text, BufferOverflow expected) {
        assertThat(BufferOverflow.parse(text)).isEqualTo(expected);
    }

    @Test
    void unknown_overflow_policy_exits_with_2() {
        int exitCode = Main.run(console, "--buffer-overflow", "drop-random");

        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void unknown_overflow_policy_names_the_valid_ones() {
        assertThatThrownBy(() -> BufferOverflow.parse("drop-random"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'drop-random'")
                .hasMessageContaining("use drop-oldest or drop-newest");
    }

    @Test
    void buffer_limit_below_1_exits_with_2() {
        int exitCode = Main.run(console, "--buffer-limit", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--buffer-limit 0 is out of range");
    }

    @Test
    void sync_interval_of_0_exits_with_2() {
        int exitCode = Main.run(console, "--buffer-sync-ms", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--buffer-sync-ms must be from 1 to 60000");
    }

    @Test
    void segment_of_another_format_exits_with_2_naming_it() throws IOException {
        Path segment = tempDir.resolve("segment-000000000001.fixlog");
        Files.writeString(segment, "{\"not\": \"a segment\"}");

        int exitCode = Main.run(
                console, "--broker-url", "tcp://127.0.0.1:1", "--buffer-dir", tempDir.toString(), "--duration", "1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(segment.toString())
                .contains("not a simulator buffer segment");
    }

    @Test
    void buffer_dir_naming_a_file_exits_with_2() throws IOException {
        Path file = Files.writeString(tempDir.resolve("notadir"), "a regular file");

        int exitCode = Main.run(
                console, "--broker-url", "tcp://127.0.0.1:1", "--buffer-dir", file.toString(), "--duration", "1");

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isEqualTo(2);
        assertThat(printed).contains("buffer directory " + file + " is a file, not a directory");
        assertThat(printed).doesNotContain("Exception");
    }

    @Test
    void end_message_counts_fixes_on_disk_and_not_written() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .buffer(new BufferSettings(tempDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(200)))
                .build();

        String message = Main.keptOnDisk(settings, summary(357, 0, 1_443));

        assertThat(message).contains("357 fixes are stored in " + tempDir);
        assertThat(message).contains("1443 fixes could not be written to " + tempDir);
        assertThat(message).contains("lost when this process exits");
    }

    @Test
    void end_message_omits_not_written_when_none() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .buffer(new BufferSettings(tempDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(200)))
                .build();

        String message = Main.keptOnDisk(settings, summary(12, 0, 0));

        assertThat(message).contains("12 fixes are stored in " + tempDir);
        assertThat(message).doesNotContain("could not be written");
    }

    @Test
    void help_lists_the_buffer_options() {
        String usage = new CommandLine(new Main(console)).getUsageMessage();

        assertThat(usage)
                .contains("--buffer-dir")
                .contains("--buffer-limit")
                .contains("--buffer-overflow")
                .contains("--buffer-sync-ms");
    }

    @Test
    void sync_interval_over_a_minute_is_rejected() {
        assertThatThrownBy(() -> new BufferSettings(tempDir, BufferOverflow.DROP_OLDEST, Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer sync interval");
    }

    @Test
    void progress_line_shows_disk_counters_with_a_buffer_dir() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .buffer(new BufferSettings(tempDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(200)))
                .build();
        console.started(settings, 1);

        console.progress(summary(12, 5));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("; on disk: buffered 12, restored 5");
    }

    @Test
    void progress_line_has_no_disk_counters_without_a_buffer_dir() {
        console.started(SimulatorSettings.builder().build(), 1);

        console.progress(summary(0, 0));

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("on disk");
    }

    @Test
    void torn_tails_are_printed_at_start() {
        console.bufferRestored(new BufferRestore(tempDir, 40, 2, 3, 1, 17, false, List.of(), null));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("restored 40 fixes of 2 vehicles, 3 of them for vehicles outside this run");
        assertThat(printed).contains("skipped 17 unreadable bytes in 1 files, all at the ends of the files");
    }

    @Test
    void damage_inside_a_file_is_not_blamed_on_a_kill() {
        Path kept = tempDir.resolve("segment-000000000001.fixlog.corrupt");
        console.bufferRestored(new BufferRestore(tempDir, 40, 2, 0, 1, 200, true, List.of(kept), null));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("skipped 200 unreadable bytes in 1 files, some of them between readable records");
        assertThat(printed).doesNotContain("killed");
        assertThat(printed).doesNotContain("full disk");
        assertThat(printed).contains("kept the damaged files as [" + kept + "]");
    }

    @Test
    void failed_compaction_is_printed_at_start() {
        console.bufferRestored(
                new BufferRestore(tempDir, 5, 1, 0, 0, 0, false, List.of(), "java.io.IOException: No space left"));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("writing to it failed (java.io.IOException: No space left), so its files are used as they"
                        + " are and new fixes are kept in memory only");
    }

    @Test
    void progress_line_counts_fixes_not_written() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .buffer(new BufferSettings(tempDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(200)))
                .build();
        console.started(settings, 1);

        console.progress(summary(3, 0, 9));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("on disk: buffered 3, restored 0, not written 9");
    }

    private static SimulatorSummary summary(long onDisk, long restored) {
        return summary(onDisk, restored, 0);
    }

    private static SimulatorSummary summary(long onDisk, long restored, long notWritten) {
        return new SimulatorSummary(
                1,
                0,
                0,
                0,
                0,
                onDisk,
                0,
                0,
                0,
                0,
                new FaultCounts(0, 0, 0, 0, 0),
                new JobCounts(0, 0, 0, 0),
                restored,
                onDisk,
                notWritten);
    }
}
