package org.fleettracker.tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.simulator.bench.BenchMain;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code ./fleet bench} shortened to a few vehicles and seconds, with the tracker started from this module's
 * test class path, and checks the report.
 */
class BenchMainIT {

    private static final List<String> PHASE_FIELDS = List.of(
            "targetRatePerSecond",
            "seconds",
            "warmupSeconds",
            "compilerCores",
            "publishedPerSecond",
            "acknowledgedPerSecond",
            "committedPerSecond",
            "trackerCpuMicrosPerMessage",
            "meanBatchSize",
            "meanBatchCommitMs",
            "quotaRetries",
            "publishToAck",
            "publishToCommit",
            "publishToState",
            "busiestThreads");

    private static final List<String> PERCENTILE_FIELDS = List.of("count", "p50Ms", "p95Ms", "p99Ms", "maxMs");

    private static final Map<String, List<String>> OTHER_FIELDS = Map.of(
            "scenario",
            List.of(
                    "vehicles",
                    "warmupSeconds",
                    "maxWarmupSeconds",
                    "transportSeconds",
                    "pipelineSeconds",
                    "latencySeconds",
                    "latencyRatePerSecond",
                    "maxInFlightPerVehicle",
                    "maxBacklog",
                    "availableProcessors",
                    "javaVersion"),
            "transport",
            List.of(
                    "seconds",
                    "publishedPerSecond",
                    "acknowledgedPerSecond",
                    "receivedPerSecond",
                    "brokerCpuMicrosPerMessage",
                    "quotaRetries",
                    "busiestThreads"),
            "integrity",
            List.of(
                    "acknowledged",
                    "storedRows",
                    "lost",
                    "duplicatedRows",
                    "trackerDuplicateRejects",
                    "resentPublishes",
                    "unknownRows"));

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void short_run_reports_all_fields_without_loss() throws IOException {
        Path json = folder.resolve("report.json");
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new BenchMain());
        command.setOut(new PrintWriter(text));

        int exitCode = command.execute(
                "--tracker-classpath", testClasspath(),
                "--work-dir", folder.resolve("work").toString(),
                "--json", json.toString(),
                "--vehicles", "3",
                "--warmup-seconds", "1",
                "--max-warmup-seconds", "7",
                "--transport-seconds", "2",
                "--pipeline-seconds", "2",
                "--latency-seconds", "2",
                "--latency-rate", "30");

        assertThat(exitCode).isZero();
        assertThat(text.toString()).contains("pipeline / transport:");
        assertThat(text.toString()).contains("note: each rate counts the events inside its window");
        JsonNode report = Json.mapper().readTree(Files.readAllBytes(json));
        assertThat(report.has("startedAt")).isTrue();
        assertThat(report.has("pipelineToTransportRatio")).isTrue();
        assertThat(report.get("notes").isArray()).isTrue();
        OTHER_FIELDS.forEach((section, fields) -> assertHasFields(report, section, fields));
        for (String phase : List.of("pipeline", "latency")) {
            assertHasFields(report, phase, PHASE_FIELDS);
            for (String latency : List.of("publishToAck", "publishToCommit", "publishToState")) {
                assertHasFields(report.get(phase), latency, PERCENTILE_FIELDS);
            }
        }
        JsonNode integrity = report.get("integrity");
        assertThat(integrity.get("lost").asLong()).isZero();
        assertThat(integrity.get("unknownRows").asLong()).isZero();
        assertThat(integrity.get("storedRows").asLong()).isPositive();
        assertThat(integrity.get("storedRows").asLong())
                .isEqualTo(integrity.get("acknowledged").asLong());
        assertThat(report.get("pipeline").get("committedPerSecond").asDouble()).isPositive();
        assertThat(report.get("latency").get("publishToCommit").get("count").asLong())
                .isPositive();
        assertThat(report.get("transport").get("receivedPerSecond").asDouble()).isPositive();
        // The warm-up lasted at least the shortest, and at most the longest plus one check of the compilers.
        for (String phase : List.of("transport", "pipeline", "latency")) {
            assertThat(report.get(phase).get("warmupSeconds").asDouble()).isBetween(1.0, 8.5);
        }
        assertThat(report.get("pipeline").get("compilerCores").isNumber()).isTrue();
        assertThat(text.toString())
                .containsPattern("pipeline \\(1 tracker.*\\), max rate, 2 s after a \\d+ s warm-up"
                        + " \\(JIT compilers \\d+\\.\\d\\d cores at its end\\):");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void two_trackers_on_postgresql_store_every_fix_once() throws IOException {
        String url = System.getenv(TestDatabase.URL_ENV);
        assumeTrue(url != null, "PostgreSQL run skipped: set " + TestDatabase.URL_ENV + " as .ci/postgres.bash does");
        String password = System.getenv().getOrDefault(TestDatabase.PASSWORD_ENV, "");
        Path json = folder.resolve("report.json");
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new BenchMain());
        command.setOut(new PrintWriter(text));
        StringWriter errors = new StringWriter();
        command.setErr(new PrintWriter(errors));

        // The password goes in the URL, because the bench reads its own variable from the environment.
        int exitCode = command.execute(
                "--tracker-classpath", testClasspath(),
                "--work-dir", folder.resolve("work").toString(),
                "--json", json.toString(),
                "--db-url", url + (url.contains("?") ? "&" : "?") + "password=" + password,
                "--db-user", System.getenv().getOrDefault(TestDatabase.USER_ENV, ""),
                "--trackers", "2",
                "--vehicles", "4",
                "--warmup-seconds", "1",
                "--max-warmup-seconds", "1",
                "--transport-seconds", "2",
                "--pipeline-seconds", "3",
                "--latency-seconds", "2",
                "--latency-rate", "40");

        assertThat(exitCode).as("exit code, with the error output %s", errors).isZero();
        assertThat(text.toString()).contains("2 trackers on a separate broker process");
        JsonNode integrity = Json.mapper().readTree(Files.readAllBytes(json)).get("integrity");
        assertThat(integrity.get("lost").asLong()).isZero();
        assertThat(integrity.get("storedRows").asLong()).isPositive();
        assertThat(integrity.get("storedRows").asLong())
                .isEqualTo(integrity.get("acknowledged").asLong());
        assertThat(integrity.get("duplicatedRows").asLong()).isZero();
    }

    private static void assertHasFields(JsonNode parent, String section, List<String> fields) {
        JsonNode node = parent.get(section);
        assertThat(node).as(section).isNotNull();
        for (String field : fields) {
            assertThat(node.has(field)).as(section + "." + field).isTrue();
        }
    }

    /** Returns this fork's class path; surefire puts it in a property when java.class.path is its booter jar. */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
