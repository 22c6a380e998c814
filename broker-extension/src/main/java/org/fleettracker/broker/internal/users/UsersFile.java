package org.fleettracker.broker.internal.users;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.fleettracker.protocol.api.TopicKind;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the users file, a YAML document such as:
 *
 * <pre>
 * users:
 *   - username: dispatcher
 *     password: "pbkdf2-sha256$210000$...$..."
 *     role: dispatcher
 *     fleets: [demo]
 *   - username: north-buses
 *     password: "pbkdf2-sha256$210000$...$..."
 *     role: vehicle
 *     fleets: [north]
 *     vehicles: [bus-1, bus-2]
 *   - username: wall-screen
 *     password: "pbkdf2-sha256$210000$...$..."
 *     role: viewer
 *     fleets: [demo]
 *     topics: [state, events]
 * </pre>
 *
 * <p>{@code vehicles} (role vehicle only) limits the client ids the account may connect with; without it, any valid
 * vehicle id of its fleet. {@code topics} (role viewer only) lists the topic kinds the viewer may read, by their topic
 * level; without it, {@code [state]}. Unknown keys, a missing field, a plain-text password, an unknown role or topic
 * kind, a wrong number of fleets for the role, {@code vehicles} or {@code topics} on another role, or a repeated user
 * name make the whole file invalid.
 */
public final class UsersFile {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Topic levels a viewer may list under {@code topics}, comma-separated, for error messages. */
    public static final String VIEWER_TOPIC_LEVELS = Arrays.stream(TopicKind.values())
            .filter(kind -> kind != TopicKind.COMMANDS)
            .map(TopicKind::level)
            .collect(Collectors.joining(", "));

    private UsersFile() {}

    /**
     * Loads and validates every account of {@code file}.
     *
     * @throws InvalidUsersFileException naming the file, the user and the broken rule
     */
    public static Users load(Path file) throws InvalidUsersFileException {
        return parse(file, readBytes(file));
    }

    /**
     * Validates every account of {@code content}, the bytes of {@code file}.
     *
     * @throws InvalidUsersFileException naming the file, the user and the broken rule
     */
    public static Users parse(Path file, byte[] content) throws InvalidUsersFileException {
        return new Users(parseList(file, content));
    }

    /**
     * Validates every account of {@code content}, the bytes of {@code file}, and returns them in file order.
     *
     * @throws InvalidUsersFileException naming the file, the user and the broken rule
     */
    public static List<User> parseList(Path file, byte[] content) throws InvalidUsersFileException {
        Document document = read(file, content);
        if (document == null || document.users() == null || document.users().isEmpty()) {
            throw new InvalidUsersFileException(file, "it lists no users under the key 'users'");
        }
        List<User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < document.users().size(); i++) {
            User user = toUser(file, i, document.users().get(i));
            if (!names.add(user.username())) {
                throw new InvalidUsersFileException(file, "user '" + user.username() + "' is listed twice");
            }
            users.add(user);
        }
        return List.copyOf(users);
    }

    /**
     * Reads the bytes of {@code file}.
     *
     * @throws InvalidUsersFileException when the file is missing or cannot be read
     */
    public static byte[] readBytes(Path file) throws InvalidUsersFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidUsersFileException(file, "the file does not exist", e);
        } catch (IOException e) {
            throw new InvalidUsersFileException(file, "cannot read it: " + e.getMessage(), e);
        }
    }

    private static @Nullable Document read(Path file, byte[] content) throws InvalidUsersFileException {
        try {
            return content.length == 0 ? null : YAML.readValue(content, Document.class);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr();
            throw new InvalidUsersFileException(
                    file, "not a valid users document" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidUsersFileException(file, "cannot read it: " + e.getMessage(), e);
        }
    }

    private static User toUser(Path file, int index, @Nullable Entry entry) throws InvalidUsersFileException {
        String label = "entry " + (index + 1);
        if (entry == null) {
            throw new InvalidUsersFileException(file, label + " is empty");
        }
        if (entry.username() == null || entry.username().isBlank()) {
            throw new InvalidUsersFileException(file, label + " has no username");
        }
        String userLabel = "user '" + entry.username() + "'";
        String password = require(file, userLabel, "password", entry.password());
        String roleName = require(file, userLabel, "role", entry.role());
        Role role = Role.fromFileName(roleName)
                .orElseThrow(() -> new InvalidUsersFileException(
                        file, userLabel + " has unknown role '" + roleName + "', expected one of " + Role.fileNames()));
        try {
            PasswordHash hash = PasswordHash.parse(password);
            Set<String> fleets = idSet("fleets", entry.fleets(), false);
            Set<String> vehicles = idSet("vehicles", entry.vehicles(), true);
            Set<TopicKind> topics = topicKinds(role, entry.topics());
            return new User(entry.username(), hash, role, fleets, vehicles, topics);
        } catch (IllegalArgumentException e) {
            throw new InvalidUsersFileException(file, userLabel + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks one list of ids; {@code nonEmptyIfPresent} rejects a key that is present with an empty list, because
     * that reads like "none" but would mean "any".
     */
    private static Set<String> idSet(String field, @Nullable List<@Nullable String> ids, boolean nonEmptyIfPresent) {
        if (ids == null) {
            return Set.of();
        }
        if (ids.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + ": an id is empty");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException(field + ": an id is listed twice");
        }
        if (nonEmptyIfPresent && ids.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty: list at least one id, or leave the key out");
        }
        return Set.copyOf(ids);
    }

    private static Set<TopicKind> topicKinds(Role role, @Nullable List<@Nullable String> levels) {
        if (levels == null) {
            return role == Role.VIEWER ? User.DEFAULT_VIEWER_TOPICS : Set.of();
        }
        if (role != Role.VIEWER) {
            throw new IllegalArgumentException("topics are allowed only for role viewer, not " + role.fileName());
        }
        Set<TopicKind> kinds = new HashSet<>();
        for (String level : levels) {
            TopicKind kind = TopicKind.fromLevel(level == null ? "" : level)
                    .filter(k -> k != TopicKind.COMMANDS)
                    .orElseThrow(() -> new IllegalArgumentException("topics: unknown or forbidden topic kind '" + level
                            + "', expected some of " + VIEWER_TOPIC_LEVELS));
            if (!kinds.add(kind)) {
                throw new IllegalArgumentException("topics: kind '" + level + "' is listed twice");
            }
        }
        return kinds;
    }

    private static String require(Path file, String userLabel, String field, @Nullable String value)
            throws InvalidUsersFileException {
        if (value == null || value.isBlank()) {
            throw new InvalidUsersFileException(file, userLabel + " has no " + field);
        }
        return value;
    }

    /** The YAML document. */
    private record Document(@Nullable List<@Nullable Entry> users) {}

    /** One element of {@code users}, before validation. */
    private record Entry(
            @Nullable String username,
            @Nullable String password,
            @Nullable String role,
            @Nullable List<@Nullable String> fleets,
            @Nullable List<@Nullable String> vehicles,
            @Nullable List<@Nullable String> topics) {}
}
