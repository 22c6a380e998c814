package org.fleettracker.broker.internal.users;

import org.fleettracker.protocol.api.TopicKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {

    /** Hash of "correct horse", computed with Python's hashlib. */
    private static final String HASH =
            "\"pbkdf2-sha256$10000$AAECAwQFBgcICQoLDA0ODw==$5RUHDgNTp9sBOWGYS4e6u57cz/Sq3/TQgaDP/8MW6L8=\"";

    @TempDir
    Path folder;

    @Test
    void valid_file_loads_every_user() throws Exception {
        Path file = write(
                """
                users:
                  - username: dispatcher
                    password: %s
                    role: dispatcher
                    fleets: [demo, north]
                  - username: tracker
                    password: %s
                    role: tracker
                """
                        .formatted(HASH, HASH));

        Users users = UsersFile.load(file);

        assertThat(users.size()).isEqualTo(2);
        User dispatcher = users.find("dispatcher").orElseThrow();
        assertThat(dispatcher.role()).isEqualTo(Role.DISPATCHER);
        assertThat(dispatcher.fleetIds()).containsExactlyInAnyOrder("demo", "north");
        assertThat(dispatcher.passwordHash().matches("correct horse".toCharArray()))
                .isTrue();
        assertThat(users.find("tracker").orElseThrow().fleetIds()).isEmpty();
    }

    @Test
    void project_users_file_is_valid() throws Exception {
        Path projectFile = Path.of("..", "config", "users.yaml");

        Users users = UsersFile.load(projectFile);

        assertThat(users.find("tracker").orElseThrow().role()).isEqualTo(Role.TRACKER);
        assertThat(users.find("dispatcher").orElseThrow().fleetIds()).containsExactly("demo");
        assertThat(users.find("viewer").orElseThrow().fleetIds()).containsExactly("demo");
        assertThat(users.find("demo-vehicles").orElseThrow().vehicleFleetId()).isEqualTo("demo");
        assertThat(users.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(users.find("alice").orElseThrow().role()).isEqualTo(Role.OWNTRACKS);
    }

    @Test
    void project_users_file_has_the_demo_passwords() throws Exception {
        Users users = UsersFile.load(Path.of("..", "config", "users.yaml"));

        assertThat(matches(users, "tracker", "tracker-demo")).isTrue();
        assertThat(matches(users, "dispatcher", "dispatcher-demo")).isTrue();
        assertThat(matches(users, "viewer", "viewer-demo")).isTrue();
        assertThat(matches(users, "demo-vehicles", "vehicle-demo")).isTrue();
        assertThat(matches(users, "admin", "admin-demo")).isTrue();
        assertThat(matches(users, "alice", "owntracks-demo")).isTrue();
    }

    @Test
    void missing_file_is_reported() {
        Path missing = folder.resolve("absent.yaml");

        assertThatThrownBy(() -> UsersFile.load(missing))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void empty_file_is_reported() throws Exception {
        assertThatThrownBy(() -> UsersFile.load(write("")))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("lists no users");
    }

    @Test
    void broken_yaml_names_the_line() throws Exception {
        Path file = write("users:\n  - username: a\n    password: [unclosed\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("not a valid users document at line");
    }

    @Test
    void unknown_key_is_reported() throws Exception {
        Path file = write("users:\n  - username: a\n    password: %s\n    role: admin\n    group: x\n".formatted(HASH));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("group");
    }

    @Test
    void plain_password_is_reported_without_echoing_it() throws Exception {
        Path file = write(user("alice", "my-plain-secret", "admin", "[]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'alice'")
                .hasMessageContaining("not a hash of the form")
                .hasMessageNotContaining("my-plain-secret");
    }

    @Test
    void unknown_role_is_reported() throws Exception {
        Path file = write(user("alice", HASH, "superuser", "[]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'alice' has unknown role 'superuser'")
                .hasMessageContaining("vehicle, tracker, dispatcher, viewer, admin");
    }

    @Test
    void owntracks_account_with_a_fleet_is_reported() throws Exception {
        Path file = write(user("phone", HASH, "owntracks", "[demo]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'phone'")
                .hasMessageContaining("role owntracks needs no fleets");
    }

    @Test
    void vehicle_with_two_fleets_is_reported() throws Exception {
        Path file = write(user("buses", HASH, "vehicle", "[demo, north]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'buses'")
                .hasMessageContaining("role vehicle needs exactly one fleet, but 2 are listed");
    }

    @Test
    void viewer_without_fleet_is_reported() throws Exception {
        Path file = write(user("screen", HASH, "viewer", "[]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'screen'")
                .hasMessageContaining("at least one fleet");
    }

    @Test
    void gateway_without_fleet_is_reported() throws Exception {
        Path file = write(user("gw", HASH, "gateway", "[]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'gw'")
                .hasMessageContaining("role gateway needs at least one fleet");
    }

    @Test
    void gateway_with_two_fleets_is_loaded() throws Exception {
        Path file = write(user("gw", HASH, "gateway", "[demo, north]"));

        User gateway = UsersFile.load(file).find("gw").orElseThrow();

        assertThat(gateway.role()).isEqualTo(Role.GATEWAY);
        assertThat(gateway.fleetIds()).containsExactlyInAnyOrder("demo", "north");
    }

    @Test
    void tracker_with_fleets_is_reported() throws Exception {
        Path file = write(user("tracker", HASH, "tracker", "[demo]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'tracker'")
                .hasMessageContaining("no fleets");
    }

    @Test
    void invalid_fleet_id_is_reported() throws Exception {
        Path file = write(user("screen", HASH, "viewer", "[\"fleet/+\"]"));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'screen'")
                .hasMessageContaining("fleet id 'fleet/+' is invalid");
    }

    @Test
    void missing_password_is_reported() throws Exception {
        Path file = write("users:\n  - username: alice\n    role: admin\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'alice' has no password");
    }

    @Test
    void repeated_user_name_is_reported() throws Exception {
        Path file = write(user("alice", HASH, "admin", "[]")
                + user("alice", HASH, "admin", "[]").substring(7));

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'alice' is listed twice");
    }

    @Test
    void vehicle_list_and_viewer_topics_load() throws Exception {
        Path file = write(user("buses", HASH, "vehicle", "[north]") + "    vehicles: [bus-1, bus-2]\n"
                + user("screen", HASH, "viewer", "[demo]").substring(7) + "    topics: [state, events]\n");

        Users users = UsersFile.load(file);

        assertThat(users.find("buses").orElseThrow().vehicleIds()).containsExactlyInAnyOrder("bus-1", "bus-2");
        assertThat(users.find("screen").orElseThrow().viewerTopics())
                .containsExactlyInAnyOrder(TopicKind.STATE, TopicKind.EVENTS);
    }

    @Test
    void viewer_without_topics_reads_state() throws Exception {
        Users users = UsersFile.load(write(user("screen", HASH, "viewer", "[demo]")));

        assertThat(users.find("screen").orElseThrow().viewerTopics()).containsExactly(TopicKind.STATE);
    }

    @Test
    void vehicles_on_dispatcher_are_reported() throws Exception {
        Path file = write(user("desk", HASH, "dispatcher", "[demo]") + "    vehicles: [bus-1]\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'desk'")
                .hasMessageContaining("vehicles are allowed only for role vehicle");
    }

    @Test
    void topics_on_tracker_are_reported() throws Exception {
        Path file = write(user("tracker", HASH, "tracker", "[]") + "    topics: [state]\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'tracker'")
                .hasMessageContaining("topics are allowed only for role viewer");
    }

    @Test
    void commands_topic_for_viewer_is_reported() throws Exception {
        Path file = write(user("screen", HASH, "viewer", "[demo]") + "    topics: [commands]\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'screen'")
                .hasMessageContaining("topics: unknown or forbidden topic kind 'commands'");
    }

    @Test
    void unknown_topic_kind_is_reported() throws Exception {
        Path file = write(user("screen", HASH, "viewer", "[demo]") + "    topics: [weather]\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("'weather'")
                .hasMessageContaining("telemetry, presence, state, command-acks, events, rejects");
    }

    @Test
    void empty_vehicle_list_is_reported() throws Exception {
        Path file = write(user("buses", HASH, "vehicle", "[demo]") + "    vehicles: []\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("user 'buses': vehicles is empty");
    }

    @Test
    void invalid_vehicle_id_is_reported() throws Exception {
        Path file = write(user("buses", HASH, "vehicle", "[demo]") + "    vehicles: [\"bus/1\"]\n");

        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(InvalidUsersFileException.class)
                .hasMessageContaining("vehicle id 'bus/1' is invalid");
    }

    @Test
    void change_lists_added_removed_and_changed_users() throws Exception {
        Users before = UsersFile.load(write(user("a", HASH, "admin", "[]")
                + user("b", HASH, "viewer", "[demo]").substring(7)
                + user("c", HASH, "viewer", "[demo]").substring(7)));
        Users after = UsersFile.load(write(user("b", HASH, "viewer", "[demo]")
                + "    topics: [events]\n"
                + user("c", HASH, "viewer", "[demo]").substring(7)
                + user("d", HASH, "admin", "[]").substring(7)));

        UsersChange change = UsersChange.between(before, after);

        assertThat(change.added()).containsExactly("d");
        assertThat(change.removed()).containsExactly("a");
        assertThat(change.changed()).containsExactly("b");
    }

    private static boolean matches(Users users, String username, String password) {
        return users.find(username).orElseThrow().passwordHash().matches(password.toCharArray());
    }

    private static String user(String username, String password, String role, String fleets) {
        return "users:\n  - username: %s\n    password: %s\n    role: %s\n    fleets: %s\n"
                .formatted(username, password, role, fleets);
    }

    private Path write(String content) throws IOException {
        Path file = folder.resolve("users.yaml");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
