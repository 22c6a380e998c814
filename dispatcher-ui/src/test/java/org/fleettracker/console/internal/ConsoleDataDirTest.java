package org.fleettracker.console.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleDataDirTest {

    @TempDir
    Path folder;

    @Test
    void client_id_is_stable_across_opens() {
        String first;
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            first = dir.clientId();
        }

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.clientId()).isEqualTo(first);
        }
        assertThat(first).startsWith("console-dispatcher-");
    }

    @Test
    void second_console_on_a_folder_is_rejected() {
        try (ConsoleDataDir first = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThatThrownBy(() -> ConsoleDataDir.open(folder, "dispatcher"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another console")
                    .hasMessageContaining("--data-dir");
        }
    }

    @Test
    void folder_is_free_again_after_close() {
        ConsoleDataDir first = ConsoleDataDir.open(folder, "dispatcher");
        first.close();

        try (ConsoleDataDir second = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(second.folder()).isEqualTo(folder.toAbsolutePath());
        }
    }

    @Test
    void invalid_client_id_file_is_replaced() throws Exception {
        Files.writeString(folder.resolve(ConsoleDataDir.CLIENT_ID_FILE), "two words\n");

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.clientId()).startsWith("console-dispatcher-");
        }
    }
}
