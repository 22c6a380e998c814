package org.fleettracker.broker.api;

import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.auth.TokenVerifier;
import org.fleettracker.broker.internal.users.InvalidUsersFileException;
import org.fleettracker.broker.internal.users.PasswordHash;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.UsersFile;
import org.fleettracker.protocol.api.TopicKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads, changes and saves the users file that {@link FleetSecurityExtension} reads. Not thread-safe; one instance
 * serves one edit.
 *
 * <p>{@link #save()} writes a temporary file in the same folder and moves it over the users file atomically, so a
 * broker that polls the file never reads half of it. The comment block at the top of the file is kept. Every other
 * comment is lost, because the accounts are written out again in one format. A file that is invalid when loaded is
 * never changed.
 */
public final class UsersFileEditor {

    /** Comment block of a users file that the editor creates. */
    public static final String DEFAULT_HEADER =
            """
            # Accounts of the fleet tracker's MQTT broker. Change them with './fleet users add|remove|list';
            # a running broker applies a change within a second. Passwords are PBKDF2-HMAC-SHA256 hashes only.
            # Keys of an account: username, password (hash), role (vehicle, gateway, tracker, dispatcher, viewer,
            # admin, owntracks), fleets (one for vehicle, one or more for gateway, dispatcher and viewer, none for
            # tracker, admin and owntracks),
            # vehicles (vehicle only: the client ids it may connect with; without it, any vehicle of its fleet),
            # topics (viewer only: kinds it may read, such as [state, events]; without it, [state]).
            """;

    /** A plain scalar in YAML that stays a string: no quotes needed. */
    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    /** Plain scalars that YAML 1.1 reads as booleans or null. */
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    private final Path file;
    private final String header;
    private final List<User> users;

    private UsersFileEditor(Path file, String header, List<User> users) {
        this.file = file;
        this.header = header;
        this.users = new ArrayList<>(users);
    }

    /**
     * Loads {@code file}; a missing file loads as an empty one with {@link #DEFAULT_HEADER}.
     *
     * @throws UsersFileEditException when the file is invalid
     * @throws IOException when it cannot be read
     */
    public static UsersFileEditor load(Path file) throws UsersFileEditException, IOException {
        if (!Files.exists(file)) {
            return new UsersFileEditor(file, DEFAULT_HEADER, List.of());
        }
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.UTF_8);
        String header = header(text);
        if (text.strip().equals(header.strip())) {
            return new UsersFileEditor(file, header.isEmpty() ? DEFAULT_HEADER : header, List.of());
        }
        try {
            return new UsersFileEditor(
                    file, header.isEmpty() ? DEFAULT_HEADER : header, UsersFile.parseList(file, content));
        } catch (InvalidUsersFileException e) {
            throw new UsersFileEditException(e.getMessage() + "; fix it by hand first, it is left unchanged", e);
        }
    }

    /** Returns the accounts in file order, without their password hashes. */
    public List<Account> accounts() {
        return users.stream().map(UsersFileEditor::toAccount).toList();
    }

    /**
     * Adds an account whose password is hashed here; the caller should clear {@code password} afterwards.
     *
     * @param topics topic levels such as {@code state}; empty gives a viewer the default {@code [state]}
     * @throws UsersFileEditException when the user exists, the role is unknown, the fleets do not fit the role, an id
     *     is invalid, the password is shorter than {@value SecurityConfig#MIN_PASSWORD_LENGTH} characters, or the
     *     broker would take the password for an access token
     */
    public void add(
            String username,
            String role,
            Collection<String> fleets,
            Collection<String> vehicles,
            Collection<String> topics,
            char[] password)
            throws UsersFileEditException {
        if (users.stream().anyMatch(user -> user.username().equals(username))) {
            throw new UsersFileEditException(
                    "User '" + username + "' already exists in " + file + "; remove it first to change it");
        }
        Role parsedRole = Role.fromFileName(role)
                .orElseThrow(() ->
                        new UsersFileEditException("Unknown role '" + role + "': use one of " + Role.fileNames()));
        if (password.length < SecurityConfig.MIN_PASSWORD_LENGTH) {
            throw new UsersFileEditException("The password of user '" + username + "' has " + password.length
                    + " characters, at least " + SecurityConfig.MIN_PASSWORD_LENGTH + " are required");
        }
        if (TokenVerifier.isToken(CharBuffer.wrap(password))) {
            throw new UsersFileEditException("The password of user '" + username + "' starts with '"
                    + TokenVerifier.TOKEN_PREFIX + "' and contains a dot, so the broker would take it for an access"
                    + " token and never accept it; choose another one");
        }
        Set<TopicKind> kinds = topicKinds(parsedRole, topics);
        try {
            PasswordHash hash = PasswordHash.parse(PasswordHashes.hash(password));
            users.add(new User(
                    username, hash, parsedRole, distinct("fleet", fleets), distinct("vehicle", vehicles), kinds));
        } catch (IllegalArgumentException e) {
            throw new UsersFileEditException("Cannot add user '" + username + "': " + e.getMessage(), e);
        }
    }

    /**
     * Removes an account.
     *
     * @throws UsersFileEditException when no account has that user name
     */
    public void remove(String username) throws UsersFileEditException {
        if (!users.removeIf(user -> user.username().equals(username))) {
            throw new UsersFileEditException("User '" + username + "' does not exist in " + file);
        }
    }

    /**
     * Writes the accounts back to the file and replaces it atomically. The file keeps its POSIX permissions, and a
     * new file gets owner read and write only.
     *
     * @throws UsersFileEditException when no account would remain, because the broker rejects an empty file
     */
    public void save() throws UsersFileEditException, IOException {
        if (users.isEmpty()) {
            throw new UsersFileEditException("Cannot remove the last user: the broker would reject every client");
        }
        // TODO: lock the file across load and save; two edits at the same moment keep only the last one's change.
        byte[] content = render().getBytes(StandardCharsets.UTF_8);
        try {
            UsersFile.parseList(file, content);
        } catch (InvalidUsersFileException e) {
            throw new IllegalStateException("The editor produced an invalid users file: " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            copyPermissions(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void copyPermissions(Path temporary) throws IOException {
        PosixFileAttributeView target = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (target != null && Files.exists(file)) {
            target.setPermissions(Files.getPosixFilePermissions(file));
        }
    }

    /** Returns the file text: the header, then every account in one format. */
    String render() {
        StringBuilder text = new StringBuilder(header);
        if (!header.isEmpty() && !header.endsWith("\n")) {
            text.append('\n');
        }
        text.append("users:\n");
        for (User user : users) {
            text.append("  - username: ").append(scalar(user.username())).append('\n');
            text.append("    password: \"").append(user.passwordHash().encode()).append("\"\n");
            text.append("    role: ").append(user.role().fileName()).append('\n');
            appendList(text, "fleets", user.fleetIds().stream().sorted().toList());
            appendList(text, "vehicles", user.vehicleIds().stream().sorted().toList());
            if (!user.viewerTopics().equals(User.DEFAULT_VIEWER_TOPICS)) {
                appendList(
                        text,
                        "topics",
                        user.viewerTopics().stream()
                                .sorted()
                                .map(TopicKind::level)
                                .toList());
            }
        }
        return text.toString();
    }

    private static void appendList(StringBuilder text, String key, List<String> values) {
        if (!values.isEmpty()) {
            text.append("    ")
                    .append(key)
                    .append(": [")
                    .append(values.stream().map(UsersFileEditor::scalar).collect(Collectors.joining(", ")))
                    .append("]\n");
        }
    }

    /** Quotes a value unless YAML reads it as a string without quotes; ids never contain quotes or backslashes. */
    private static String scalar(String value) {
        boolean plain = PLAIN_SCALAR.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : "\"" + value + "\"";
    }

    /** Returns the leading lines of {@code text} that are comments or blank, or "" when none is a comment. */
    private static String header(String text) {
        StringBuilder header = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        return header.toString().isBlank() ? "" : header.toString();
    }

    private static Set<TopicKind> topicKinds(Role role, Collection<String> levels) throws UsersFileEditException {
        if (levels.isEmpty()) {
            return role == Role.VIEWER ? User.DEFAULT_VIEWER_TOPICS : Set.of();
        }
        Set<TopicKind> kinds = new LinkedHashSet<>();
        for (String level : levels) {
            TopicKind kind = TopicKind.fromLevel(level)
                    .filter(k -> k != TopicKind.COMMANDS)
                    .orElseThrow(() -> new UsersFileEditException("Unknown or forbidden topic kind '" + level
                            + "': use some of " + UsersFile.VIEWER_TOPIC_LEVELS));
            kinds.add(kind);
        }
        return kinds;
    }

    private static Set<String> distinct(String kind, Collection<String> ids) {
        Set<String> set = new LinkedHashSet<>(ids);
        if (set.size() != ids.size()) {
            throw new IllegalArgumentException("a " + kind + " id is given twice");
        }
        return set;
    }

    private static Account toAccount(User user) {
        return new Account(
                user.username(),
                user.role().fileName(),
                user.fleetIds().stream().sorted().toList(),
                user.vehicleIds().stream().sorted().toList(),
                user.viewerTopics().stream().sorted().map(TopicKind::level).toList());
    }

    /**
     * One account as the editor shows it, without its password hash.
     *
     * @param vehicles client ids of a vehicle account; empty means any vehicle of its fleet
     * @param topics topic levels a viewer reads; empty for other roles
     */
    public record Account(
            String username, String role, List<String> fleets, List<String> vehicles, List<String> topics) {

        public Account {
            fleets = List.copyOf(fleets);
            vehicles = List.copyOf(vehicles);
            topics = List.copyOf(topics);
        }
    }
}
