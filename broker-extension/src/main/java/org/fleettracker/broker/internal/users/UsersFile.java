package org.fleettracker.broker.internal.users;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the users file, a YAML document such as:
 *
 * <pre>
 * users:
 *   - username: dispatcher
 *     password: "pbkdf2-sha256$210000$...$..."
 *     role: dispatcher
 *     fleets: [demo]
 * </pre>
 *
 * <p>Unknown keys, a missing field, a plain-text password, an unknown role, a wrong number of fleets for the role or
 * a repeated user name make the whole file invalid.
 */
public final class UsersFile {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private UsersFile() {}

    /**
     * Loads and validates every account of {@code file}.
     *
     * @throws InvalidUsersFileException naming the file, the user and the broken rule
     */
    public static Users load(Path file) throws InvalidUsersFileException {
        Document document = read(file);
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
        return new Users(users);
    }

    private static @Nullable Document read(Path file) throws InvalidUsersFileException {
        try {
            byte[] content = Files.readAllBytes(file);
            return content.length == 0 ? null : YAML.readValue(content, Document.class);
        } catch (NoSuchFileException e) {
            throw new InvalidUsersFileException(file, "the file does not exist", e);
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
            List<@Nullable String> fleets = entry.fleets() == null ? List.of() : entry.fleets();
            if (fleets.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("a fleet id is empty");
            }
            if (new HashSet<>(fleets).size() != fleets.size()) {
                throw new IllegalArgumentException("a fleet is listed twice");
            }
            return new User(entry.username(), hash, role, Set.copyOf(fleets));
        } catch (IllegalArgumentException e) {
            throw new InvalidUsersFileException(file, userLabel + ": " + e.getMessage(), e);
        }
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
            @Nullable List<@Nullable String> fleets) {}
}
