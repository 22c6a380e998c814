package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.PasswordHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UsersCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void add_writes_hashed_password_from_stdin() throws Exception {
        Path file = folder.resolve("users.yaml");

        int exitCode = run(
                "secret-password\n",
                "add",
                "screen",
                "--file",
                file.toString(),
                "--role",
                "viewer",
                "--fleet",
                "demo",
                "--topic",
                "state",
                "--topic",
                "events",
                "--password-stdin");

        assertThat(exitCode).as(err.toString()).isZero();
        String content = Files.readString(file);
        assertThat(content).doesNotContain("secret-password").contains("username: screen");
        String hash = content.lines()
                .filter(line -> line.contains("password:"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*\"(.*)\".*", "$1");
        assertThat(PasswordHashes.matches("secret-password".toCharArray(), hash))
                .isTrue();
    }

    @Test
    void add_gateway_with_two_fleets() throws Exception {
        Path file = folder.resolve("users.yaml");

        int exitCode = run(
                "secret-password\n",
                "add",
                "gw-demo",
                "--file",
                file.toString(),
                "--role",
                "gateway",
                "--fleet",
                "demo",
                "--fleet",
                "north",
                "--password-stdin");

        assertThat(exitCode).as(err.toString()).isZero();
        String content = Files.readString(file);
        assertThat(content).contains("username: gw-demo", "role: gateway", "fleets: [demo, north]");
    }

    @Test
    void file_option_before_subcommand_is_used() throws Exception {
        Path file = folder.resolve("other.yaml");

        int exitCode = run(
                "secret-password\n", "--file", file.toString(), "add", "ops", "--role", "admin", "--password-stdin");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(Files.readString(file)).contains("username: ops");
    }

    @Test
    void list_prints_table_without_hashes() throws Exception {
        Path file = folder.resolve("users.yaml");
        run(
                "secret-password\n",
                "add",
                "buses",
                "--file",
                file.toString(),
                "--role",
                "vehicle",
                "--fleet",
                "north",
                "--vehicle",
                "bus-1",
                "--vehicle",
                "bus-2",
                "--password-stdin");
        out.getBuffer().setLength(0);

        int exitCode = run("", "list", "--file", file.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("USER", "ROLE", "FLEETS", "VEHICLES/TOPICS")
                .containsPattern("buses +vehicle +north +bus-1,bus-2")
                .doesNotContain("pbkdf2");
    }

    @Test
    void remove_deletes_the_user() throws Exception {
        Path file = folder.resolve("users.yaml");
        run("secret-password\n", "add", "ops", "--file", file.toString(), "--role", "admin", "--password-stdin");
        run("secret-password\n", "add", "ops2", "--file", file.toString(), "--role", "admin", "--password-stdin");

        int exitCode = run("", "remove", "ops", "--file", file.toString());

        assertThat(exitCode).isZero();
        assertThat(Files.readString(file)).doesNotContain("username: ops\n").contains("username: ops2");
    }

    @Test
    void duplicate_user_exits_2() {
        Path file = folder.resolve("users.yaml");
        run("secret-password\n", "add", "ops", "--file", file.toString(), "--role", "admin", "--password-stdin");

        int exitCode = run(
                "secret-password\n", "add", "ops", "--file", file.toString(), "--role", "admin", "--password-stdin");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("User 'ops' already exists");
    }

    @Test
    void unknown_user_exits_2() {
        Path file = folder.resolve("users.yaml");
        run("secret-password\n", "add", "ops", "--file", file.toString(), "--role", "admin", "--password-stdin");

        int exitCode = run("", "remove", "ghost", "--file", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("User 'ghost' does not exist");
    }

    @Test
    void short_password_exits_2_and_leaves_no_file() {
        Path file = folder.resolve("users.yaml");

        int exitCode = run("short\n", "add", "ops", "--file", file.toString(), "--role", "admin", "--password-stdin");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("at least 8");
        assertThat(file).doesNotExist();
    }

    @Test
    void bad_role_exits_2() {
        int exitCode = run(
                "secret-password\n",
                "add",
                "ops",
                "--file",
                folder.resolve("u.yaml").toString(),
                "--role",
                "root",
                "--password-stdin");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown role 'root'");
    }

    @Test
    void wrong_fleet_count_exits_2() {
        int exitCode = run(
                "secret-password\n",
                "add",
                "d",
                "--file",
                folder.resolve("u.yaml").toString(),
                "--role",
                "dispatcher",
                "--password-stdin");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("role dispatcher needs at least one fleet");
    }

    @Test
    void missing_terminal_without_password_stdin_exits_2() {
        int exitCode = run("", "add", "ops", "--file", folder.resolve("u.yaml").toString(), "--role", "admin");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--password-stdin");
    }

    @Test
    void missing_subcommand_exits_2() {
        int exitCode = run("");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void password_argument_is_not_accepted() {
        int exitCode = run("", "add", "ops", "--role", "admin", "--password", "secret-password");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--password");
    }

    @Test
    void help_lists_subcommands() {
        int exitCode = run("", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("add", "remove", "list", "--file");
    }

    private int run(String stdin, String... args) {
        var input = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CommandLine commandLine = UsersCommand.commandLine(new UsersCommand(input, null));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
