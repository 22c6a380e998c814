package org.fleettracker.console.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void subscribed_fleets_are_kept_per_client_id() {
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.subscribedFleets()).isEmpty();
            dir.rememberSubscribedFleets(List.of("north", "south"));
        }
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "alice")) {
            assertThat(dir.subscribedFleets()).isEmpty();
            dir.rememberSubscribedFleets(List.of("west"));
        }

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.subscribedFleets().orElseThrow()).containsExactly("north", "south");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=north,\\uZZZZ\n", "=north,x/#\n"})
    void broken_record_reads_as_none_and_is_replaced(String recordAfterClientId) throws Exception {
        String clientId;
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            clientId = dir.clientId();
        }
        Files.writeString(folder.resolve(ConsoleDataDir.SUBSCRIPTIONS_FILE), clientId + recordAfterClientId);

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.subscribedFleets()).isEmpty();
            dir.rememberSubscribedFleets(List.of("south"));
            assertThat(dir.subscribedFleets().orElseThrow()).containsExactly("south");
        }
    }

    @Test
    void unreadable_subscriptions_file_reads_as_no_fleets() throws Exception {
        Files.createDirectories(folder.resolve(ConsoleDataDir.SUBSCRIPTIONS_FILE));

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.subscribedFleets()).isEmpty();
            assertThatThrownBy(() -> dir.rememberSubscribedFleets(List.of("north")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot save the session's fleets");
        }
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
    void invalid_client_id_is_replaced() throws Exception {
        Files.writeString(folder.resolve(ConsoleDataDir.CLIENT_IDS_FILE), "dispatcher=two words\n");

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.clientId()).startsWith("console-dispatcher-");
        }
    }

    @Test
    void other_user_gets_its_own_client_id() {
        String dispatcherId;
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            dispatcherId = dir.clientId();
        }

        String viewerId;
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "viewer")) {
            viewerId = dir.clientId();
        }

        assertThat(viewerId).startsWith("console-viewer-").isNotEqualTo(dispatcherId);
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.clientId()).isEqualTo(dispatcherId);
        }
    }

    @Test
    void client_id_file_is_readable_by_owner_only() throws Exception {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.clientId()).isNotEmpty();
        }

        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(folder.resolve(ConsoleDataDir.CLIENT_IDS_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void legacy_client_id_moves_to_its_user_only() throws Exception {
        Path legacy = folder.resolve(ConsoleDataDir.LEGACY_CLIENT_ID_FILE);
        Files.writeString(legacy, "console-dispatcher-c92fbeae\n");

        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "viewer")) {
            assertThat(dir.clientId()).isNotEqualTo("console-dispatcher-c92fbeae");
        }
        try (ConsoleDataDir dir = ConsoleDataDir.open(folder, "dispatcher")) {
            assertThat(dir.clientId()).isEqualTo("console-dispatcher-c92fbeae");
        }

        assertThat(legacy).doesNotExist();
    }
}
