package org.fleettracker.simulator.internal.buffer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The store-and-forward buffer of a run: one directory of append-only segment files shared by all vehicles, in the
 * layout of {@link SegmentFormat}.
 *
 * <p>Opening the directory takes an exclusive lock on its {@code buffer.lock} file, reads every segment, skips
 * unreadable bytes with a warning, and rewrites the fixes still unacknowledged into one new segment before deleting
 * the old ones. A segment with unreadable bytes is renamed with {@link #CORRUPT_SUFFIX} instead of deleted. When the
 * new segment cannot be written, as on a full disk, the old segments stay and the journal starts failed.
 *
 * <p>One writer thread appends the records that the vehicles queue. It writes each batch to the file as soon as it
 * takes it from the queue, so a killed process loses only the records still queued (a few milliseconds' worth).
 * It calls fsync within about one sync interval of a write, so a crash of the operating system or a power loss loses
 * about the last sync interval of records.
 *
 * <p>When the current segment passes {@link #SEGMENT_MAX_BYTES}, the writer starts a new one. It then deletes old
 * segments from the oldest on, once they contain no unacknowledged fix. A sparse oldest segment has its remaining
 * fixes copied forward first.
 *
 * <p>Thread-safe: the vehicles only queue work, and all file and index state belongs to the writer thread.
 */
public final class FixJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FixJournal.class);

    /** File whose lock keeps a second simulator out of the directory. */
    public static final String LOCK_FILE = "buffer.lock";

    /** Size after which the writer starts a new segment and compacts old ones. */
    static final long SEGMENT_MAX_BYTES = 8L * 1024 * 1024;

    /** How long {@link #close()} waits for the writer to write and sync the queued records. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Records the writer takes from the queue per write call. */
    private static final int MAX_BATCH = 4_096;

    /** Suffix of a segment kept because bytes of it could not be read; the journal does not read it again. */
    public static final String CORRUPT_SUFFIX = ".corrupt";

    /**
     * The result of reading the directory at open.
     *
     * @param fixes unacknowledged fixes read back from the segments
     * @param vehicles vehicles those fixes belong to
     * @param damagedFiles segments with bytes that held no readable record
     * @param skippedBytes bytes skipped in those segments
     * @param damagedInside whether bytes were skipped before a readable record, which a killed run cannot cause
     * @param keptFiles the damaged segments, renamed with {@link #CORRUPT_SUFFIX}; empty when not compacted
     * @param compactionError null when the fixes were rewritten into a new segment, else why writing it failed, in
     *     which case the old segments stay as they are and new fixes are kept in memory only
     */
    public record Restore(
            long fixes,
            int vehicles,
            int damagedFiles,
            long skippedBytes,
            boolean damagedInside,
            List<Path> keptFiles,
            @Nullable String compactionError) {}

    private final Path directory;
    private final long syncIntervalNanos;
    private final long segmentMaxBytes;
    private final WriteHook writeHook;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Restore restore;
    /** Restored fixes of the vehicles not yet claimed by {@link #forVehicle}, which hands each list out once. */
    private final Map<String, List<StoredFix>> restoredByKey;

    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final AtomicLong onDisk = new AtomicLong();
    private final AtomicLong notWritten = new AtomicLong();
    private final Thread writer;
    private volatile boolean failed;
    private volatile boolean closed;

    /** Unacknowledged fixes by vehicle key and record id; used by the writer thread only after opening. */
    private final Map<String, NavigableMap<Long, Live>> live = new HashMap<>();

    private final NavigableMap<Long, Segment> segments = new TreeMap<>();
    private FileChannel active;
    private long activeNumber;

    private FixJournal(
            Path directory,
            Duration syncInterval,
            long segmentMaxBytes,
            WriteHook writeHook,
            FileChannel lockChannel,
            FileLock lock)
            throws IOException {
        this.directory = directory;
        this.writeHook = writeHook;
        this.syncIntervalNanos = syncInterval.toNanos();
        this.segmentMaxBytes = segmentMaxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        List<Path> files = segmentFiles(directory);
        List<Path> damaged = new ArrayList<>();
        Restore read = readSegments(files, damaged);
        this.restoredByKey = restoredFixes();
        this.restore = compactOrKeep(files, damaged, read);
        log.info(
                "Opened buffer directory {}: restored {} unacknowledged fixes of {} vehicles from {} segments",
                directory,
                restore.fixes(),
                restore.vehicles(),
                files.size());
        this.writer = new Thread(this::runWriter, "fix-buffer-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens or creates the buffer in {@code directory} and restores what a previous run left.
     *
     * @param syncInterval longest time between two fsync calls while records are written
     * @throws IllegalArgumentException when another simulator holds the directory's lock, or a segment file has
     *     another format; the message names the file
     * @throws UncheckedIOException when the directory cannot be created, read or written
     */
    public static FixJournal open(Path directory, Duration syncInterval) {
        return open(directory, syncInterval, SEGMENT_MAX_BYTES);
    }

    /**
     * Opens the buffer like {@link #open(Path, Duration)}, with every write to a segment file (not the lock file)
     * going through {@code writeHook}, so that a test can make a write fail as a full disk does.
     */
    static FixJournal open(Path directory, Duration syncInterval, long segmentMaxBytes, WriteHook writeHook) {
        return openWith(directory, syncInterval, segmentMaxBytes, writeHook);
    }

    /** A check that runs before each write to a segment file; tests use it to fail writes as a full disk does. */
    @FunctionalInterface
    interface WriteHook {
        WriteHook NONE = bytes -> {};

        void beforeWrite(int bytes) throws IOException;
    }

    /** Opens the buffer with another segment size, so that tests can roll segments without writing megabytes. */
    static FixJournal open(Path directory, Duration syncInterval, long segmentMaxBytes) {
        return openWith(directory, syncInterval, segmentMaxBytes, WriteHook.NONE);
    }

    private static FixJournal openWith(
            Path directory, Duration syncInterval, long segmentMaxBytes, WriteHook writeHook) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("buffer directory " + directory + " is a file, not a directory;"
                    + " give --buffer-dir a directory, or a path that does not exist yet");
        }
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel =
                    FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, directory);
            try {
                return new FixJournal(directory, syncInterval, segmentMaxBytes, writeHook, lockChannel, lock);
            } catch (RuntimeException | IOException e) {
                lock.release();
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("opening the buffer directory " + directory + " failed: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalArgumentException("buffer directory " + directory + " is in use by another simulator,"
                    + " which holds the lock on " + directory.resolve(LOCK_FILE)
                    + "; stop it or give each simulator its own --buffer-dir");
        }
        return lock;
    }

    public Path directory() {
        return directory;
    }

    public Restore restore() {
        return restore;
    }

    /** Returns the fixes written to disk and not yet acknowledged, of every vehicle in the directory. */
    public long fixesOnDisk() {
        return onDisk.get();
    }

    /**
     * Returns how many fixes were queued for the disk but not written, because writing had failed or failed on
     * their batch. They exist in memory only and are lost when the process exits before they are acknowledged.
     */
    public long fixesNotWritten() {
        return notWritten.get();
    }

    /** Returns whether writing failed, so that fixes produced since then are kept in memory only. */
    public boolean failed() {
        return failed;
    }

    /**
     * Returns the part of the buffer of one vehicle. Its restored fixes come with the first call for a vehicle only,
     * so the journal does not keep them in memory after the link sent them. Fixes of vehicles that no run claims
     * stay in the directory.
     */
    public VehicleJournal forVehicle(String fleetId, String vehicleId) {
        String key = fleetId + "/" + vehicleId;
        List<StoredFix> claimed = restoredByKey.remove(key);
        List<StoredFix> restored = claimed == null ? List.of() : claimed;
        return new VehicleJournal() {
            @Override
            public List<StoredFix> restored() {
                return restored;
            }

            @Override
            public void append(long recordId, long seq, byte[] payload) {
                enqueue(new Append(key, recordId, seq, payload));
            }

            @Override
            public void remove(long recordId) {
                enqueue(new Remove(key, recordId));
            }
        };
    }

    /** Returns how many restored fixes belong to vehicles that {@link #forVehicle} was not called for. */
    public long unclaimedRestoredFixes() {
        return restoredByKey.values().stream().mapToLong(List::size).sum();
    }

    /** Writes and syncs every queued record, then releases the directory's lock. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(Stop.INSTANCE);
        try {
            writer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.error("Writing the buffer in {} did not finish within {} s", directory, CLOSE_TIMEOUT.toSeconds());
        }
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("Releasing the lock of buffer directory {} failed: {}", directory, e.getMessage());
        }
        closeQuietly(lockChannel);
    }

    private void enqueue(Op op) {
        if (!failed) {
            queue.add(op);
        } else if (op instanceof Append) {
            notWritten.incrementAndGet();
        }
    }

    private static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(file -> SegmentFormat.segmentNumber(file) >= 0)
                    .sorted()
                    .toList();
        }
    }

    /**
     * Reads every segment into {@link #live} and adds the segments with unreadable bytes between records to
     * {@code damaged}. A segment whose only skipped bytes are its cut-off end, as a kill or a full disk leaves it, is
     * not added: those bytes never held a complete record.
     */
    private Restore readSegments(List<Path> files, List<Path> damaged) throws IOException {
        long skippedBytes = 0;
        int filesWithSkippedBytes = 0;
        boolean damagedInside = false;
        for (Path file : files) {
            long number = SegmentFormat.segmentNumber(file);
            SegmentFormat.Scan scan = SegmentFormat.read(file, entry -> restoreEntry(number, entry));
            if (scan.skippedBytes() == 0) {
                continue;
            }
            filesWithSkippedBytes++;
            if (scan.damagedInside()) {
                damaged.add(file);
            }
            skippedBytes += scan.skippedBytes();
            damagedInside |= scan.damagedInside();
            logSkipped(file, scan);
        }
        long fixes = live.values().stream().mapToLong(Map::size).sum();
        return new Restore(fixes, live.size(), filesWithSkippedBytes, skippedBytes, damagedInside, List.of(), null);
    }

    private static void logSkipped(Path file, SegmentFormat.Scan scan) {
        if (scan.damagedInside()) {
            log.warn(
                    "Skipped {} unreadable bytes in {} damaged parts of buffer file {}, the first at offset {}, and"
                            + " read {} records around them; the fixes whose records overlap the damage are lost",
                    scan.skippedBytes(),
                    scan.damagedRegions(),
                    file,
                    scan.firstSkippedOffset(),
                    scan.records());
            return;
        }
        log.warn(
                "Skipped {} unreadable bytes at the end of buffer file {}, from offset {}, after {} records; a run"
                        + " killed while writing, or a write that failed on a full disk, leaves an incomplete record"
                        + " there, and the fixes in those bytes are lost",
                scan.skippedBytes(),
                file,
                scan.firstSkippedOffset(),
                scan.records());
    }

    private void restoreEntry(long segment, SegmentFormat.Entry entry) {
        if (entry.append()) {
            live.computeIfAbsent(entry.key(), key -> new TreeMap<>())
                    .put(entry.recordId(), new Live(segment, entry.seq(), entry.payload(), 0));
            return;
        }
        NavigableMap<Long, Live> fixes = live.get(entry.key());
        if (fixes != null) {
            fixes.remove(entry.recordId());
            if (fixes.isEmpty()) {
                live.remove(entry.key());
            }
        }
    }

    private Map<String, List<StoredFix>> restoredFixes() {
        Map<String, List<StoredFix>> byKey = new HashMap<>();
        live.forEach((key, fixes) -> byKey.put(
                key,
                fixes.entrySet().stream()
                        .map(e -> new StoredFix(
                                e.getKey(), e.getValue().seq(), e.getValue().payload()))
                        .toList()));
        return new ConcurrentHashMap<>(byKey);
    }

    /**
     * Compacts the segments read, or, when the new segment cannot be written, keeps them as they are and marks the
     * journal failed, so that the run still sends the restored fixes and keeps new ones in memory only.
     */
    private Restore compactOrKeep(List<Path> files, List<Path> damaged, Restore read) {
        long number = files.isEmpty() ? 1 : SegmentFormat.segmentNumber(files.get(files.size() - 1)) + 1;
        try {
            compactAtOpen(number);
        } catch (IOException e) {
            failed = true;
            onDisk.set(read.fixes());
            discardSegment(number);
            log.error(
                    "Writing a new segment in buffer directory {} failed, so the {} old segments are used as they"
                            + " are, without compaction, and fixes produced in this run are kept in memory only;"
                            + " free space in {}: {}",
                    directory,
                    files.size(),
                    directory,
                    e.toString());
            return new Restore(
                    read.fixes(),
                    read.vehicles(),
                    read.damagedFiles(),
                    read.skippedBytes(),
                    read.damagedInside(),
                    List.of(),
                    e.toString());
        }
        List<Path> kept = removeReadSegments(files, damaged);
        return new Restore(
                read.fixes(),
                read.vehicles(),
                read.damagedFiles(),
                read.skippedBytes(),
                read.damagedInside(),
                kept,
                null);
    }

    /** Closes and deletes the segment that compaction could not finish. */
    private void discardSegment(long number) {
        closeQuietly(active);
        segments.remove(number);
        Path file = directory.resolve(SegmentFormat.fileName(number));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Deleting the unfinished buffer segment {} failed: {}", file, e.toString());
        }
    }

    /**
     * Deletes the segments that compaction copied, except damaged ones, which are renamed with
     * {@link #CORRUPT_SUFFIX} so that their unreadable bytes stay for inspection. Returns the renamed files.
     */
    private List<Path> removeReadSegments(List<Path> files, List<Path> damaged) {
        List<Path> kept = new ArrayList<>();
        for (Path file : files) {
            try {
                if (damaged.contains(file)) {
                    Path corrupt = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
                    Files.move(file, corrupt, StandardCopyOption.REPLACE_EXISTING);
                    kept.add(corrupt);
                    log.error(
                            "Kept the damaged buffer file {} as {}, which is not read again; its readable fixes"
                                    + " were copied into the new segment",
                            file,
                            corrupt);
                } else {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("removing the compacted buffer segment " + file + " failed: " + e, e);
            }
        }
        syncDirectory();
        return List.copyOf(kept);
    }

    /** Writes the restored fixes into segment {@code number} and syncs it. */
    private void compactAtOpen(long number) throws IOException {
        openSegment(number);
        Segment segment = segments.get(number);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, NavigableMap<Long, Live>> vehicle : live.entrySet()) {
            for (Map.Entry<Long, Live> fix : vehicle.getValue().entrySet()) {
                Live restored = fix.getValue();
                byte[] record =
                        SegmentFormat.append(vehicle.getKey(), fix.getKey(), restored.seq(), restored.payload());
                fix.setValue(new Live(number, restored.seq(), restored.payload(), record.length));
                segment.liveCount++;
                segment.liveBytes += record.length;
                onDisk.incrementAndGet();
                out.writeBytes(record);
                writeIfFull(out);
            }
        }
        write(out);
        active.force(false);
    }

    private void writeIfFull(ByteArrayOutputStream out) throws IOException {
        if (out.size() >= 1024 * 1024) {
            write(out);
        }
    }

    private void openSegment(long number) throws IOException {
        Path file = directory.resolve(SegmentFormat.fileName(number));
        active = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        activeNumber = number;
        Segment segment = new Segment(file, 0);
        segments.put(number, segment);
        writeFully(ByteBuffer.wrap(SegmentFormat.header()));
        segment.sizeBytes = SegmentFormat.header().length;
    }

    private void runWriter() {
        List<Op> batch = new ArrayList<>();
        long lastSyncNanos = System.nanoTime();
        boolean unsynced = false;
        boolean stopping = false;
        while (!stopping) {
            try {
                Op first = unsynced
                        ? queue.poll(
                                Math.max(0, lastSyncNanos + syncIntervalNanos - System.nanoTime()),
                                TimeUnit.NANOSECONDS)
                        : queue.take();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH);
                }
            } catch (InterruptedException e) {
                stopping = true;
            }
            stopping |= batch.contains(Stop.INSTANCE);
            if (failed) {
                notWritten.addAndGet(countAppends(batch));
                batch.clear();
                continue;
            }
            try {
                unsynced |= writeBatch(batch);
                if (unsynced && (stopping || System.nanoTime() - lastSyncNanos >= syncIntervalNanos)) {
                    active.force(false);
                    lastSyncNanos = System.nanoTime();
                    unsynced = false;
                }
                if (segments.get(activeNumber).sizeBytes >= segmentMaxBytes) {
                    rollSegment();
                }
            } catch (IOException | RuntimeException e) {
                failed = true;
                log.error(
                        "Writing the buffer in {} failed, so fixes produced from now on are kept in memory only: {}",
                        directory,
                        e.toString());
            }
            batch.clear();
        }
        closeQuietly(active);
    }

    /** Writes the records of {@code batch}; returns whether it wrote anything. */
    private boolean writeBatch(List<Op> batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long onDiskBefore = onDisk.get();
        for (Op op : batch) {
            if (op instanceof Append append) {
                addLive(append.key(), append.recordId(), append.seq(), append.payload(), out);
            } else if (op instanceof Remove remove) {
                removeLive(remove.key(), remove.recordId(), out);
            }
        }
        boolean wrote = out.size() > 0;
        try {
            write(out);
        } catch (IOException e) {
            // NOTE: part of the batch may have reached the file; the next open reads it, or skips it as a torn tail.
            onDisk.set(onDiskBefore);
            notWritten.addAndGet(countAppends(batch));
            throw e;
        }
        return wrote;
    }

    private static long countAppends(List<Op> batch) {
        return batch.stream().filter(Append.class::isInstance).count();
    }

    private void addLive(String key, long recordId, long seq, byte[] payload, ByteArrayOutputStream out) {
        byte[] record;
        try {
            record = SegmentFormat.append(key, recordId, seq, payload);
        } catch (IllegalArgumentException e) {
            log.warn("Fix seq {} of {} is kept in memory only: {}", seq, key, e.getMessage());
            return;
        }
        Live previous = live.computeIfAbsent(key, k -> new TreeMap<>())
                .put(recordId, new Live(activeNumber, seq, payload, record.length));
        if (previous != null) {
            forget(previous);
        }
        Segment segment = segments.get(activeNumber);
        segment.liveCount++;
        segment.liveBytes += record.length;
        onDisk.incrementAndGet();
        out.writeBytes(record);
    }

    private void removeLive(String key, long recordId, ByteArrayOutputStream out) {
        NavigableMap<Long, Live> fixes = live.get(key);
        Live removed = fixes == null ? null : fixes.remove(recordId);
        if (removed == null) {
            return;
        }
        if (fixes.isEmpty()) {
            live.remove(key);
        }
        forget(removed);
        out.writeBytes(SegmentFormat.remove(key, recordId));
    }

    private void forget(Live fix) {
        Segment segment = segments.get(fix.segment());
        if (segment != null) {
            segment.liveCount--;
            segment.liveBytes -= fix.recordBytes();
        }
        onDisk.decrementAndGet();
    }

    /**
     * Starts a new segment, then deletes old segments from the oldest on while they hold no unacknowledged fix. An
     * oldest segment whose unacknowledged fixes take less than half of it gets them copied into the new segment
     * first. Only a prefix is deleted, because a newer segment may hold the remove records of fixes in an older one.
     */
    private void rollSegment() throws IOException {
        active.force(false);
        closeQuietly(active);
        openSegment(activeNumber + 1);
        while (segments.firstKey() != activeNumber) {
            Map.Entry<Long, Segment> oldest = segments.firstEntry();
            Segment segment = oldest.getValue();
            if (segment.liveCount > 0) {
                if (segment.liveBytes * 2 > segment.sizeBytes) {
                    break;
                }
                copyForward(oldest.getKey());
                active.force(false);
            }
            segments.remove(oldest.getKey());
            Files.delete(segment.path);
            log.debug("Deleted buffer segment {}", segment.path);
        }
    }

    private void copyForward(long segmentNumber) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Map.Entry<String, Map.Entry<Long, Live>>> moving = new ArrayList<>();
        live.forEach((key, fixes) -> fixes.entrySet().stream()
                .filter(fix -> fix.getValue().segment() == segmentNumber)
                .forEach(fix -> moving.add(Map.entry(key, fix))));
        for (Map.Entry<String, Map.Entry<Long, Live>> fix : moving) {
            Live entry = fix.getValue().getValue();
            addLive(fix.getKey(), fix.getValue().getKey(), entry.seq(), entry.payload(), out);
            writeIfFull(out);
        }
        write(out);
    }

    private void write(ByteArrayOutputStream out) throws IOException {
        if (out.size() == 0) {
            return;
        }
        writeFully(ByteBuffer.wrap(out.toByteArray()));
        segments.get(activeNumber).sizeBytes += out.size();
        out.reset();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        writeHook.beforeWrite(buffer.remaining());
        while (buffer.hasRemaining()) {
            active.write(buffer);
        }
    }

    /** Syncs the directory entry list, so that created and deleted segments survive a power loss (Linux). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("Syncing the buffer directory {} failed: {}", directory, e.getMessage());
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing a buffer file failed: {}", e.getMessage());
        }
    }

    /** A segment file and the unacknowledged fixes it still holds. */
    private static final class Segment {
        private final Path path;
        private long sizeBytes;
        private long liveCount;
        private long liveBytes;

        Segment(Path path, long sizeBytes) {
            this.path = path;
            this.sizeBytes = sizeBytes;
        }
    }

    /** An unacknowledged fix, the segment its newest copy is in, and the size of that record. */
    private record Live(long segment, long seq, byte[] payload, int recordBytes) {}

    private sealed interface Op permits Append, Remove, Stop {}

    private record Append(String key, long recordId, long seq, byte[] payload) implements Op {}

    private record Remove(String key, long recordId) implements Op {}

    private enum Stop implements Op {
        INSTANCE
    }
}
