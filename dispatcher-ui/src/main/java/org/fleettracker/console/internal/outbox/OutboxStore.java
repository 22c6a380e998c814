package org.fleettracker.console.internal.outbox;

import org.fleettracker.protocol.api.Json;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outbox folder: one JSON file per entry, named after its sequence number.
 *
 * <p>A write goes to a temporary file that is forced to disk and then moved over the entry's name in one atomic
 * step, so a crash leaves either the whole entry or none. Files that cannot be read back are moved into the
 * {@code corrupt} subfolder with a warning, so one bad file never stops the console. Thread safe, because each
 * entry has its own file.
 */
final class OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);

    private static final String PREFIX = "entry-";
    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";
    static final String CORRUPT_FOLDER = "corrupt";
    // Far above what a console can queue, and low enough that the next sequence never overflows a long.
    static final long MAX_SEQUENCE = Long.MAX_VALUE / 2;

    private final Path folder;

    /**
     * Opens (and creates) the outbox folder.
     *
     * @throws UncheckedIOException when the folder cannot be created
     */
    OutboxStore(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox folder " + folder + ": " + e.getMessage(), e);
        }
    }

    Path folder() {
        return folder;
    }

    /** Returns the stored entries in creation order; moves unreadable files aside and deletes stale temp files. */
    List<OutboxRecord> load() throws IOException {
        List<OutboxRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    // A write that crashed before its move: the action never counted as queued.
                    log.info("Deleting the unfinished outbox file {}", file);
                    Files.deleteIfExists(file);
                } else if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    readOrMoveAside(file, records);
                }
            }
        }
        records.sort(Comparator.comparingLong(OutboxRecord::sequence));
        return records;
    }

    private void readOrMoveAside(Path file, List<OutboxRecord> records) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            log.warn(
                    "Outbox skipped {}: it is named like an entry but is not a regular file; remove or rename it",
                    file);
            return;
        }
        try {
            @Nullable OutboxRecord record = Json.decode(Files.readAllBytes(file), OutboxRecord.class);
            if (record == null) {
                throw new IllegalArgumentException("it contains JSON null, not an entry object");
            }
            if (record.sequence() < 0 || record.sequence() > MAX_SEQUENCE) {
                throw new IllegalArgumentException(
                        "its sequence " + record.sequence() + " is outside 0 to " + MAX_SEQUENCE);
            }
            if (!fileName(record.sequence()).equals(file.getFileName().toString())) {
                throw new IllegalArgumentException("its sequence " + record.sequence() + " does not match its name");
            }
            records.add(record);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            moveAside(file, e.getMessage());
        }
    }

    private void moveAside(Path file, String reason) throws IOException {
        Path corrupt = folder.resolve(CORRUPT_FOLDER);
        Files.createDirectories(corrupt);
        Path target = corrupt.resolve(file.getFileName() + "." + System.currentTimeMillis());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        log.warn("Outbox file {} cannot be read ({}); moved it to {} and left the action unsent", file, reason, target);
    }

    /** Stores {@code record} durably before it returns, replacing an earlier version of the same entry. */
    void write(OutboxRecord record) throws IOException {
        Path target = folder.resolve(fileName(record.sequence()));
        Path temp = folder.resolve(fileName(record.sequence()) + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(Json.encode(record));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder();
    }

    /** Deletes the entry's file; a missing file is fine. */
    void delete(OutboxRecord record) throws IOException {
        Files.deleteIfExists(folder.resolve(fileName(record.sequence())));
        forceFolder();
    }

    /** Forces the folder's entries (the rename or delete) to disk, where the file system allows it. */
    private void forceFolder() {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder as a channel; the file itself was forced already.
            log.trace("Cannot force the outbox folder {}: {}", folder, e.getMessage());
        }
    }

    static String fileName(long sequence) {
        return PREFIX + String.format(Locale.ROOT, "%019d", sequence) + SUFFIX;
    }
}
