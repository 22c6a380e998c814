package org.fleettracker.console.internal;

import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The console's data folder, locked for one console at a time: its MQTT client id, Paho's persistence and the outbox.
 *
 * <p>The client id is created once per folder and user name and read back on every start, so the broker finds the
 * console's session again after a restart, and another user on the same folder never resumes that session. The ids
 * file is readable by its owner only where the file system has POSIX permissions. A second console on the same
 * folder would take over that session and send the outbox twice, so {@link #open} fails while another console (in
 * this or another process) holds the folder's lock.
 */
public final class ConsoleDataDir implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleDataDir.class);

    static final String LOCK_FILE = "console.lock";
    static final String CLIENT_IDS_FILE = "mqtt-client-ids.properties";
    static final String LEGACY_CLIENT_ID_FILE = "mqtt-client-id";
    static final String SUBSCRIPTIONS_FILE = "mqtt-subscriptions.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** Client ids this console writes: printable ASCII without spaces, at most 64 characters. */
    private static final Pattern CLIENT_ID = Pattern.compile("[!-~]{1,64}");

    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String clientId;

    private ConsoleDataDir(Path folder, FileChannel lockChannel, FileLock lock, String clientId) {
        this.folder = folder;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.clientId = clientId;
    }

    /**
     * Creates the folder if needed, locks it and reads (or creates) the MQTT client id.
     *
     * @throws IllegalStateException when another console uses the folder
     * @throws UncheckedIOException when the folder or its files cannot be created or read
     */
    public static ConsoleDataDir open(Path folder, String username) {
        Path absolute = folder.toAbsolutePath();
        FileChannel channel;
        try {
            Files.createDirectories(absolute);
            channel =
                    FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the console data folder " + absolute + ": " + e.getMessage(), e);
        }
        FileLock lock = tryLock(channel, absolute);
        try {
            return new ConsoleDataDir(absolute, channel, lock, clientId(absolute, username));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(
                    "cannot read or write the MQTT client id in " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path folder) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the console data folder " + folder + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("the console data folder " + folder
                    + " is in use by another console; close that console, or start this one with --data-dir and"
                    + " another folder");
        }
        return lock;
    }

    private static String clientId(Path folder, String username) throws IOException {
        Path file = folder.resolve(CLIENT_IDS_FILE);
        Properties ids = new Properties();
        if (Files.exists(file)) {
            restrictToOwner(file);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                ids.load(reader);
            }
        }
        String stored = ids.getProperty(username);
        if (stored != null && CLIENT_ID.matcher(stored).matches()) {
            return stored;
        }
        if (stored != null) {
            log.warn(
                    "MQTT client id of user {} in {} is invalid; creating a new id, so the broker starts a new"
                            + " session",
                    username,
                    file);
        }
        String created = legacyClientId(folder, username);
        if (created == null) {
            created = "console-" + userPart(username) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            log.info("Created MQTT client id {} for user {} in the console data folder {}", created, username, folder);
        }
        ids.setProperty(username, created);
        writeOwnerOnly(folder, file, ids, "MQTT client id of each user name that used this console data folder");
        return created;
    }

    /**
     * Returns the id of the single-id file that earlier versions wrote, when it was created for {@code username};
     * the file is deleted once its id moved, because it was readable by every user.
     */
    private static @Nullable String legacyClientId(Path folder, String username) throws IOException {
        Path legacy = folder.resolve(LEGACY_CLIENT_ID_FILE);
        if (!Files.isRegularFile(legacy)) {
            return null;
        }
        String stored = Files.readString(legacy, StandardCharsets.UTF_8).strip();
        if (!CLIENT_ID.matcher(stored).matches() || !stored.startsWith("console-" + userPart(username) + "-")) {
            restrictToOwner(legacy);
            return null;
        }
        Files.delete(legacy);
        log.info("Moved MQTT client id {} of user {} into {}", stored, username, CLIENT_IDS_FILE);
        return stored;
    }

    private static String userPart(String username) {
        String user = username.replaceAll("[^!-~]", "_");
        return user.substring(0, Math.min(user.length(), 40));
    }

    /** Writes {@code values} to a temporary file that only its owner may read, then moves it over {@code file}. */
    private static void writeOwnerOnly(Path folder, Path file, Properties values, String comment) throws IOException {
        Path temp = folder.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (isPosix(folder)) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            values.store(writer, comment);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes {@code file} readable by its owner only, where the file system has POSIX permissions. */
    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            log.info("Made {} readable by its owner only", file);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    public Path folder() {
        return folder;
    }

    /** Returns the MQTT client id that this folder's console always connects with for its user name. */
    public String clientId() {
        return clientId;
    }

    /**
     * Returns the fleets whose topics the broker session of {@link #clientId()} may be subscribed to, or empty when
     * the file contains no valid record for it. That is the case when none was saved, the file cannot be read or
     * parsed, or an id in it is invalid.
     */
    public Optional<Set<String>> subscribedFleets() {
        Properties saved;
        try {
            saved = readSubscriptions();
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Cannot read {} in {}: {}", SUBSCRIPTIONS_FILE, folder, e.getMessage());
            return Optional.empty();
        }
        String value = saved.getProperty(clientId);
        if (value == null) {
            return Optional.empty();
        }
        Set<String> fleets = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!Ids.isValid(id)) {
                log.warn(
                        "Ignoring the fleets of client id {} in {}: '{}' is not a fleet id",
                        clientId,
                        SUBSCRIPTIONS_FILE,
                        id);
                return Optional.empty();
            }
            fleets.add(id);
        }
        return Optional.of(Collections.unmodifiableSet(fleets));
    }

    /**
     * Saves the fleets whose topics the broker session of {@link #clientId()} is subscribed to, so that a later run
     * with other fleets can unsubscribe the session from the ones it dropped.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void rememberSubscribedFleets(Collection<String> fleetIds) {
        try {
            Properties saved;
            try {
                saved = readSubscriptions();
            } catch (IllegalArgumentException e) {
                // A file broken by hand is replaced; its other client ids' records are lost with it.
                log.warn("Replacing {} in {}, which cannot be parsed: {}", SUBSCRIPTIONS_FILE, folder, e.getMessage());
                saved = new Properties();
            }
            String value = String.join(",", fleetIds);
            if (value.equals(saved.getProperty(clientId))) {
                return;
            }
            saved.setProperty(clientId, value);
            writeOwnerOnly(
                    folder,
                    folder.resolve(SUBSCRIPTIONS_FILE),
                    saved,
                    "Fleets whose topics the broker session of each MQTT client id is subscribed to");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot save the session's fleets in " + folder.resolve(SUBSCRIPTIONS_FILE) + ": " + e.getMessage(),
                    e);
        }
    }

    private Properties readSubscriptions() throws IOException {
        Path file = folder.resolve(SUBSCRIPTIONS_FILE);
        Properties saved = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                saved.load(reader);
            }
        }
        return saved;
    }

    /** Returns the folder of Paho's message persistence. */
    public Path mqttFolder() {
        return folder.resolve("mqtt");
    }

    /** Returns the folder of the outbox. */
    public Path outboxFolder() {
        return folder.resolve("outbox");
    }

    /** Releases the lock, so another console may use the folder. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            log.debug("Releasing the lock of {} failed: {}", folder, e.getMessage());
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a lock file failed: {}", e.getMessage());
        }
    }
}
