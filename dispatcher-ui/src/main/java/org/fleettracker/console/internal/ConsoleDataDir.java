package org.fleettracker.console.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The console's data folder, locked for one console at a time: its MQTT client id, Paho's persistence and the outbox.
 *
 * <p>The client id is created once per folder and read back on every start, so the broker finds the console's
 * session again after a restart. A second console on the same folder would take over that session and send the
 * outbox twice, so {@link #open} fails while another console (in this or another process) holds the folder's lock.
 */
public final class ConsoleDataDir implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleDataDir.class);

    static final String LOCK_FILE = "console.lock";
    static final String CLIENT_ID_FILE = "mqtt-client-id";

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
        Path file = folder.resolve(CLIENT_ID_FILE);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (CLIENT_ID.matcher(stored).matches()) {
                return stored;
            }
            log.warn("MQTT client id file {} is invalid; creating a new id, so the broker starts a new session", file);
        }
        String user = username.replaceAll("[^!-~]", "_");
        String created = "console-" + user.substring(0, Math.min(user.length(), 40)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path temp = folder.resolve(CLIENT_ID_FILE + ".tmp");
        Files.writeString(temp, created + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.info("Created MQTT client id {} for the console data folder {}", created, folder);
        return created;
    }

    public Path folder() {
        return folder;
    }

    /** Returns the MQTT client id that this folder's console always connects with. */
    public String clientId() {
        return clientId;
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
