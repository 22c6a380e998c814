package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.UsersFileEditException;
import org.fleettracker.broker.api.UsersFileEditor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code users} command: adds, removes and lists the accounts of the broker's users file. A running broker
 * applies each change within a second. Exits with 0 on success, 2 on invalid input and 1 when the file cannot be
 * read or written.
 */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        version = "users 0.1.0",
        description = "Manages the accounts of the MQTT broker's users file.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class})
public final class UsersCommand implements Callable<Integer> {

    static final int INVALID_INPUT = 2;
    static final int FILE_FAILURE = 1;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Users file to change (default: config/users.yaml).")
    Path file = Path.of("config", "users.yaml");

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    private final InputStream stdin;
    private final @Nullable Console console;

    UsersCommand(InputStream stdin, @Nullable Console console) {
        this.stdin = stdin;
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new UsersCommand(System.in, System.console())).execute(args));
    }

    static CommandLine commandLine(UsersCommand command) {
        return new CommandLine(command);
    }

    /** Without a subcommand, prints the usage and exits with 2. */
    @Override
    public Integer call() {
        CommandLine commandLine = commandSpec().commandLine();
        commandLine.getErr().println("Missing command: add, remove or list");
        commandLine.usage(commandLine.getErr());
        return INVALID_INPUT;
    }

    private CommandLine.Model.CommandSpec commandSpec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }

    /** Runs one edit and maps its failures to exit codes and messages on standard error. */
    private int edit(CommandLine.Model.CommandSpec sub, Edit edit) {
        PrintWriter err = sub.commandLine().getErr();
        try {
            UsersFileEditor editor = UsersFileEditor.load(file);
            String done = edit.apply(editor);
            if (done.isEmpty()) {
                return 0;
            }
            editor.save();
            sub.commandLine().getOut().println(done);
            return 0;
        } catch (UsersFileEditException e) {
            err.println("users: " + e.getMessage());
            return INVALID_INPUT;
        } catch (IOException e) {
            err.println("users: cannot read or write " + file + ": " + e);
            return FILE_FAILURE;
        }
    }

    /** One change to the loaded file; returns the message to print after saving, or "" to save nothing. */
    @FunctionalInterface
    private interface Edit {
        String apply(UsersFileEditor editor) throws UsersFileEditException, IOException;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds an account. The password comes from standard input with --password-stdin, or is"
                    + " asked for on the terminal; it is never an argument, so it stays out of the shell history.")
    static final class Add implements Callable<Integer> {

        @CommandLine.ParentCommand
        @Nullable
        UsersCommand parent;

        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "USER",
                description = "User name: 1 to 64 letters, digits, '.', '_', '-'.")
        String username = "";

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "Role: vehicle, gateway, tracker, dispatcher, viewer, admin or owntracks.")
        String role = "";

        @Option(
                names = "--fleet",
                paramLabel = "FLEET",
                description = "Fleet of the account; repeat for several. Exactly one for vehicle, one or more for"
                        + " gateway, dispatcher and viewer, none for tracker, admin and owntracks.")
        List<String> fleets = new ArrayList<>();

        @Option(
                names = "--vehicle",
                paramLabel = "VEHICLE",
                description = "Role vehicle only: a client id the account may connect with; repeat for several"
                        + " (default: any vehicle of its fleet).")
        List<String> vehicles = new ArrayList<>();

        @Option(
                names = "--topic",
                paramLabel = "KIND",
                description = "Role viewer only: a topic kind it may read, such as state or events; repeat for"
                        + " several (default: state).")
        List<String> topics = new ArrayList<>();

        @Option(
                names = "--password-stdin",
                description = "Read the password from the first line of standard input instead of the terminal.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            UsersCommand command = requireParent(parent);
            CommandLine.Model.CommandSpec sub = requireSpec(spec);
            return command.edit(sub, editor -> {
                char[] password = command.readPassword(passwordStdin);
                try {
                    editor.add(username, role, fleets, vehicles, topics, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
                return "Added user '" + username + "' with role " + role + " to " + command.file;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an account.")
    static final class Remove implements Callable<Integer> {

        @CommandLine.ParentCommand
        @Nullable
        UsersCommand parent;

        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USER", description = "User name of the account to remove.")
        String username = "";

        @Override
        public Integer call() {
            UsersCommand command = requireParent(parent);
            return command.edit(requireSpec(spec), editor -> {
                editor.remove(username);
                return "Removed user '" + username + "' from " + command.file
                        + "; its connected clients are disconnected";
            });
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the accounts with role, fleets and vehicles or topics; never password hashes.")
    static final class ListUsers implements Callable<Integer> {

        @CommandLine.ParentCommand
        @Nullable
        UsersCommand parent;

        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() {
            UsersCommand command = requireParent(parent);
            CommandLine.Model.CommandSpec sub = requireSpec(spec);
            return command.edit(sub, editor -> {
                printTable(sub.commandLine().getOut(), editor.accounts());
                return "";
            });
        }
    }

    /** Prints one aligned row per account. */
    static void printTable(PrintWriter out, List<UsersFileEditor.Account> accounts) {
        String format = "%-24s %-10s %-20s %s%n";
        out.printf(Locale.ROOT, format, "USER", "ROLE", "FLEETS", "VEHICLES/TOPICS");
        for (UsersFileEditor.Account account : accounts) {
            String limits = account.role().equals("vehicle")
                    ? (account.vehicles().isEmpty() ? "any vehicle" : String.join(",", account.vehicles()))
                    : String.join(",", account.topics());
            String fleets = account.fleets().isEmpty() ? "all" : String.join(",", account.fleets());
            out.printf(
                    Locale.ROOT, format, account.username(), account.role(), fleets, limits.isEmpty() ? "-" : limits);
        }
        out.flush();
    }

    /**
     * Reads the password from the first line of standard input, or from the terminal without echo.
     *
     * @throws UsersFileEditException when no password is given or no terminal is available
     */
    char[] readPassword(boolean fromStdin) throws UsersFileEditException, IOException {
        if (fromStdin) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new UsersFileEditException("No password on standard input: pass it as the first line");
            }
            return line.toCharArray();
        }
        if (console == null) {
            throw new UsersFileEditException("No terminal to ask for the password: use --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Repeat the password: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UsersFileEditException("The two passwords differ or are missing; nothing was changed");
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static UsersCommand requireParent(@Nullable UsersCommand parent) {
        if (parent == null) {
            throw new IllegalStateException("picocli did not inject the users command");
        }
        return parent;
    }

    private static CommandLine.Model.CommandSpec requireSpec(CommandLine.Model.@Nullable CommandSpec spec) {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
