package org.fleettracker.simulator.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class ChildExitTest {

    @TempDir
    Path folder;

    private ChildProcess exited;

    @BeforeEach
    void start_a_jvm_that_exits_with_status_1() {
        // The JVM rejects the unknown option and exits with status 1 at once.
        exited = ChildProcess.startJava(
                "tracker", List.of("-XX:+NoSuchOptionOfTheBench"), Map.of(), folder, folder.resolve("tracker.log"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !exited.isAlive());
    }

    @AfterEach
    void close() {
        exited.close();
    }

    @Test
    void require_alive_names_status_and_log() {
        assertThatThrownBy(exited::requireAlive)
                .isInstanceOf(ChildExitedException.class)
                .hasMessageContaining("The tracker (pid " + exited.pid() + ") exited with status 1")
                .hasMessageContaining("its log is " + folder.resolve("tracker.log"));
    }

    @Test
    void connect_stops_when_the_broker_process_exited() {
        try (Publishers publishers = unreachablePublishers()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> publishers.connect(Duration.ofSeconds(60), exited))
                    .isInstanceOf(ChildExitedException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void feeder_stops_when_the_measured_process_exited() {
        try (Publishers publishers = unreachablePublishers()) {
            Feeder feeder = new Feeder(publishers, () -> 0, exited, List.of());

            assertThatThrownBy(() -> feeder.runAtMaxRate(
                            new Feeder.Warmup(Duration.ofSeconds(30), Duration.ofSeconds(30)), Duration.ofSeconds(30)))
                    .isInstanceOf(ChildExitedException.class);
            assertThatThrownBy(() -> feeder.drain(Duration.ofSeconds(30))).isInstanceOf(ChildExitedException.class);
        }
    }

    /** One vehicle whose broker URL has nothing listening, so it never connects. */
    private static Publishers unreachablePublishers() {
        return new Publishers("tcp://127.0.0.1:1", "bench", "vehicles", "secret", "exit-", 1, 1);
    }
}
