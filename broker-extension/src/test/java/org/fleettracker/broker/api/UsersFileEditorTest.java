package org.fleettracker.broker.api;

import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.Users;
import org.fleettracker.broker.internal.users.UsersFile;
import org.fleettracker.protocol.api.TopicKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileEditorTest {

    private static final char[] PASSWORD = "long-enough".toCharArray();

    @TempDir
    Path folder;

    @Test
    void added_user_can_log_in_with_its_password() throws Exception {
        Path file = folder.resolve("users.yaml");

        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.add("north-buses", "vehicle", List.of("north"), List.of("bus-1", "bus-2"), List.of(), PASSWORD);
        editor.save();

        User user = UsersFile.load(file).find("north-buses").orElseThrow();
        assertThat(user.role()).isEqualTo(Role.VEHICLE);
        assertThat(user.vehicleIds()).containsExactlyInAnyOrder("bus-1", "bus-2");
        assertThat(user.passwordHash().matches(PASSWORD)).isTrue();
    }

    @Test
    void viewer_topics_are_saved() throws Exception {
        Path file = folder.resolve("users.yaml");

        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.add("screen", "viewer", List.of("demo"), List.of(), List.of("events", "state"), PASSWORD);
        editor.save();

        assertThat(UsersFile.load(file).find("screen").orElseThrow().viewerTopics())
                .containsExactlyInAnyOrder(TopicKind.STATE, TopicKind.EVENTS);
    }

    @Test
    void new_file_starts_with_default_header() throws Exception {
        Path file = folder.resolve("users.yaml");

        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.add("ops", "admin", List.of(), List.of(), List.of(), PASSWORD);
        editor.save();

        assertThat(Files.readString(file)).startsWith(UsersFileEditor.DEFAULT_HEADER + "users:\n");
    }

    @Test
    void header_comment_is_kept_and_other_users_unchanged() throws Exception {
        Path file = writeProjectStyleFile();
        Users before = UsersFile.load(file);

        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.add("ops", "admin", List.of(), List.of(), List.of(), PASSWORD);
        editor.save();

        assertThat(Files.readString(file)).startsWith("# Our accounts.\n# Second line.\n\nusers:\n");
        Users after = UsersFile.load(file);
        assertThat(after.find("tracker")).isEqualTo(before.find("tracker"));
        assertThat(after.find("screen")).isEqualTo(before.find("screen"));
        assertThat(after.size()).isEqualTo(3);
    }

    @Test
    void removed_user_is_gone() throws Exception {
        Path file = writeProjectStyleFile();

        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.remove("screen");
        editor.save();

        assertThat(UsersFile.load(file).usernames()).containsExactly("tracker");
    }

    @Test
    void accounts_list_without_hashes() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(writeProjectStyleFile());

        assertThat(editor.accounts())
                .containsExactly(
                        new UsersFileEditor.Account("tracker", "tracker", List.of(), List.of(), List.of()),
                        new UsersFileEditor.Account("screen", "viewer", List.of("demo"), List.of(), List.of("state")));
    }

    @Test
    void duplicate_user_is_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(writeProjectStyleFile());

        assertThatThrownBy(() -> editor.add("tracker", "tracker", List.of(), List.of(), List.of(), PASSWORD))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("User 'tracker' already exists");
    }

    @Test
    void unknown_user_cannot_be_removed() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(writeProjectStyleFile());

        assertThatThrownBy(() -> editor.remove("nobody"))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("User 'nobody' does not exist");
    }

    @Test
    void short_password_is_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(folder.resolve("users.yaml"));

        assertThatThrownBy(() -> editor.add("ops", "admin", List.of(), List.of(), List.of(), "short".toCharArray()))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("has 5 characters, at least 8");
    }

    @Test
    void password_that_the_broker_would_take_for_an_access_token_is_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(folder.resolve("users.yaml"));

        assertThatThrownBy(() -> editor.add(
                        "ops", "admin", List.of(), List.of(), List.of(), "eyJ-looks.like-a-token".toCharArray()))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("access token");
    }

    @Test
    void unknown_role_is_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(folder.resolve("users.yaml"));

        assertThatThrownBy(() -> editor.add("ops", "root", List.of(), List.of(), List.of(), PASSWORD))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("Unknown role 'root'");
    }

    @Test
    void wrong_fleet_count_is_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(folder.resolve("users.yaml"));

        assertThatThrownBy(() -> editor.add("bus", "vehicle", List.of("a", "b"), List.of(), List.of(), PASSWORD))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("role vehicle needs exactly one fleet, but 2 are listed");
    }

    @Test
    void vehicles_on_dispatcher_are_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(folder.resolve("users.yaml"));

        assertThatThrownBy(() -> editor.add("d", "dispatcher", List.of("demo"), List.of("bus-1"), List.of(), PASSWORD))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("vehicles are allowed only for role vehicle");
    }

    @Test
    void commands_topic_for_viewer_is_rejected() throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(folder.resolve("users.yaml"));

        assertThatThrownBy(() -> editor.add("v", "viewer", List.of("demo"), List.of(), List.of("commands"), PASSWORD))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("topic kind 'commands'");
    }

    @Test
    void invalid_file_is_not_loaded() throws Exception {
        Path file = folder.resolve("users.yaml");
        Files.writeString(file, "users:\n  - username: a\n    role: admin\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> UsersFileEditor.load(file))
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("user 'a' has no password")
                .hasMessageContaining("left unchanged");
    }

    @Test
    void last_user_cannot_be_removed() throws Exception {
        Path file = folder.resolve("users.yaml");
        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.add("ops", "admin", List.of(), List.of(), List.of(), PASSWORD);
        editor.save();
        UsersFileEditor second = UsersFileEditor.load(file);
        second.remove("ops");

        assertThatThrownBy(second::save)
                .isInstanceOf(UsersFileEditException.class)
                .hasMessageContaining("last user");
    }

    @Test
    void save_keeps_file_permissions_and_leaves_no_temporary_file() throws Exception {
        Path file = writeProjectStyleFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.remove("screen");
        editor.save();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    private Path writeProjectStyleFile() throws IOException {
        Path file = folder.resolve("users.yaml");
        String hash = PasswordHashes.hash("tracker-pw".toCharArray());
        Files.writeString(
                file,
                """
                # Our accounts.
                # Second line.

                users:
                  # The tracker service.
                  - username: tracker
                    password: "%s"
                    role: tracker
                  - username: screen
                    password: "%s"
                    role: viewer
                    fleets: [demo]
                """
                        .formatted(hash, hash),
                StandardCharsets.UTF_8);
        return file;
    }
}
