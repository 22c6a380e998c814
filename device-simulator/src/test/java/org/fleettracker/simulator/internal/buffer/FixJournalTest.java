package org.fleettracker.simulator.internal.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class FixJournalTest {

    private static final Duration SYNC = Duration.ofMillis(20);

    @TempDir
    Path dir;

    @Test
    void reopen_restores_unremoved_fixes_in_order() {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            VehicleJournal van = journal.forVehicle("demo", "van-1");
            for (long id = 0; id < 5; id++) {
                car.append(id, 1_000 + id, payload("car", id));
                van.append(id, 2_000 + id, payload("van", id));
            }
            car.remove(1);
            car.remove(3);
            van.remove(0);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            List<StoredFix> car = journal.forVehicle("demo", "car-1").restored();
            List<StoredFix> van = journal.forVehicle("demo", "van-1").restored();

            assertThat(car).extracting(StoredFix::recordId).containsExactly(0L, 2L, 4L);
            assertThat(car).extracting(StoredFix::seq).containsExactly(1_000L, 1_002L, 1_004L);
            assertThat(new String(car.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("car-2");
            assertThat(van).extracting(StoredFix::recordId).containsExactly(1L, 2L, 3L, 4L);
            assertThat(journal.restore().fixes()).isEqualTo(7);
            assertThat(journal.restore().vehicles()).isEqualTo(2);
            assertThat(journal.restore().damagedFiles()).isZero();
            assertThat(journal.fixesOnDisk()).isEqualTo(7);
        }
    }

    @Test
    void open_compacts_into_one_segment() throws IOException {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            car.append(0, 10, payload("car", 0));
            car.append(1, 11, payload("car", 1));
            car.remove(0);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(segments()).hasSize(1);
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(11L);
        }
    }

    @Test
    void fleet_is_part_of_the_key() {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            journal.forVehicle("north", "car-1").append(0, 10, payload("car", 0));
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("south", "car-1").restored()).isEmpty();
            assertThat(journal.unclaimedRestoredFixes()).isEqualTo(1);
        }
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("north", "car-1").restored()).hasSize(1);
        }
    }

    @Test
    void torn_last_record_is_skipped_and_counted() throws IOException {
        writeThreeFixes();
        Path segment = segments().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 5);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(10L, 11L);
            assertThat(journal.restore().damagedFiles()).isEqualTo(1);
            assertThat(journal.restore().skippedBytes()).isPositive();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("a torn tail held no complete record, so its file is not kept as corrupt")
                    .noneMatch(name -> name.endsWith(FixJournal.CORRUPT_SUFFIX));
        }
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().damagedFiles())
                    .as("compaction removed the torn tail")
                    .isZero();
            assertThat(journal.restore().fixes()).isEqualTo(2);
        }
    }

    @Test
    void damaged_last_record_fails_crc_and_is_skipped() throws IOException {
        writeThreeFixes();
        Path segment = segments().get(0);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(file.length() - 1);
            int last = file.read();
            file.seek(file.length() - 1);
            file.write(last ^ 0xFF);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "car-1").restored()).hasSize(2);
            assertThat(journal.restore().damagedFiles()).isEqualTo(1);
        }
    }

    @Test
    void garbage_after_records_is_skipped() throws IOException {
        writeThreeFixes();
        Files.write(segments().get(0), new byte[] {0, 0, 0, 40, 1, 2}, StandardOpenOption.APPEND);

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "car-1").restored()).hasSize(3);
            assertThat(journal.restore().skippedBytes()).isEqualTo(6);
            assertThat(journal.restore().damagedInside()).isFalse();
        }
    }

    @Test
    void segment_cut_inside_its_header_counts_as_torn() throws IOException {
        Files.write(dir.resolve(SegmentFormat.fileName(7)), new byte[] {'F', 'L', 'T'});

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().fixes()).isZero();
            assertThat(journal.restore().skippedBytes()).isEqualTo(3);
        }
    }

    @Test
    void file_of_another_format_is_rejected_naming_it() throws IOException {
        Path other = dir.resolve(SegmentFormat.fileName(1));
        Files.writeString(other, "latitude,longitude\n46.05,14.50\n");

        assertThatThrownBy(() -> FixJournal.open(dir, SYNC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.toString())
                .hasMessageContaining("not a simulator buffer segment");
        try (FixJournal journal = FixJournal.open(dir.resolve("elsewhere"), SYNC)) {
            assertThat(journal.restore().fixes())
                    .as("the failed open released nothing it should keep")
                    .isZero();
        }
    }

    @Test
    void failed_open_releases_the_lock() throws IOException {
        Path other = dir.resolve(SegmentFormat.fileName(1));
        Files.writeString(other, "not a segment");
        assertThatThrownBy(() -> FixJournal.open(dir, SYNC)).isInstanceOf(IllegalArgumentException.class);
        Files.delete(other);

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().fixes()).isZero();
        }
    }

    @Test
    void second_open_of_a_locked_directory_fails() {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThatThrownBy(() -> FixJournal.open(dir, SYNC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("in use by another simulator")
                    .hasMessageContaining(FixJournal.LOCK_FILE);
        }
    }

    @Test
    void other_files_in_the_directory_are_ignored() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "kept by the user");

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().fixes()).isZero();
        }
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    void acknowledged_segments_are_deleted_after_a_roll() throws IOException {
        try (FixJournal journal = FixJournal.open(dir, SYNC, 2_000)) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            for (long id = 0; id < 200; id++) {
                car.append(id, 100 + id, payload("car", id));
                car.remove(id);
            }
            car.append(200, 300, payload("car", 200));
            await().atMost(Duration.ofSeconds(5)).until(() -> journal.fixesOnDisk() == 1);

            assertThat(segments().size()).isLessThanOrEqualTo(2);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(300L);
        }
    }

    @Test
    void sparse_oldest_segment_is_copied_forward() throws IOException {
        try (FixJournal journal = FixJournal.open(dir, SYNC, 2_000)) {
            VehicleJournal slow = journal.forVehicle("demo", "slow");
            VehicleJournal busy = journal.forVehicle("demo", "busy");
            slow.append(0, 7, payload("slow", 0));
            for (long id = 0; id < 300; id++) {
                busy.append(id, 100 + id, payload("busy", id));
                busy.remove(id);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> journal.fixesOnDisk() == 1);

            assertThat(segments().size()).isLessThanOrEqualTo(2);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "slow").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(7L);
            assertThat(journal.forVehicle("demo", "busy").restored()).isEmpty();
        }
    }

    @Test
    void oversized_payload_stays_in_memory_only() {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            car.append(0, 10, new byte[SegmentFormat.MAX_PAYLOAD_BYTES + 1]);
            car.append(1, 11, payload("car", 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> journal.fixesOnDisk() == 1);

            assertThat(journal.failed()).isFalse();
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(11L);
        }
    }

    @Test
    void damaged_record_mid_file_keeps_later_records() throws IOException {
        writeFixes(10);
        Path segment = segments().get(0);
        long recordBytes = (Files.size(segment) - SegmentFormat.MAGIC.length) / 10;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(SegmentFormat.MAGIC.length + 4 * recordBytes + recordBytes - 1);
            int last = file.read();
            file.seek(SegmentFormat.MAGIC.length + 4 * recordBytes + recordBytes - 1);
            file.write(last ^ 0xFF);
        }

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(10L, 11L, 12L, 13L, 15L, 16L, 17L, 18L, 19L);
            assertThat(journal.restore().skippedBytes()).isEqualTo(recordBytes);
            assertThat(journal.restore().damagedInside()).isTrue();
        }
    }

    @Test
    void random_bytes_mid_file_lose_only_overlapped_records() throws IOException {
        writeFixes(100);
        Path segment = segments().get(0);
        long recordBytes = (Files.size(segment) - SegmentFormat.MAGIC.length) / 100;
        byte[] noise = new byte[200];
        new Random(14).nextBytes(noise);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(SegmentFormat.MAGIC.length + 40 * recordBytes + 3);
            file.write(noise);
        }
        long overlapped = (3 + noise.length + recordBytes - 1) / recordBytes;

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().fixes()).isEqualTo(100 - overlapped);
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .contains(10L + 39, 10L + 40 + overlapped, 10L + 99)
                    .doesNotContain(10L + 40);
            assertThat(journal.restore().skippedBytes()).isEqualTo(overlapped * recordBytes);
        }
    }

    @Test
    void damaged_segment_is_kept_as_corrupt() throws IOException {
        writeFixes(10);
        Path segment = segments().get(0);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(SegmentFormat.MAGIC.length + 20);
            file.write(0xFF);
        }
        byte[] damaged = Files.readAllBytes(segment);

        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            Path kept = dir.resolve(segment.getFileName() + FixJournal.CORRUPT_SUFFIX);
            assertThat(journal.restore().keptFiles()).containsExactly(kept);
            assertThat(Files.readAllBytes(kept)).isEqualTo(damaged);
            assertThat(segments()).doesNotContain(segment);
        }
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().damagedFiles())
                    .as("the .corrupt file is not read again")
                    .isZero();
            assertThat(journal.restore().fixes()).isEqualTo(9);
        }
    }

    @Test
    void failed_write_counts_fixes_not_written() {
        AtomicBoolean diskFull = new AtomicBoolean();
        try (FixJournal journal = FixJournal.open(dir, SYNC, FixJournal.SEGMENT_MAX_BYTES, failWhen(diskFull))) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            car.append(0, 10, payload("car", 0));
            await().atMost(Duration.ofSeconds(5)).until(() -> journal.fixesOnDisk() == 1);
            diskFull.set(true);
            for (long id = 1; id <= 5; id++) {
                car.append(id, 10 + id, payload("car", id));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> journal.fixesNotWritten() == 5);

            assertThat(journal.failed()).isTrue();
            assertThat(journal.fixesOnDisk()).isEqualTo(1);
        }
    }

    @Test
    void full_disk_at_open_restores_without_compaction() throws IOException {
        writeThreeFixes();
        List<Path> before = segments();
        AtomicBoolean diskFull = new AtomicBoolean(true);

        try (FixJournal journal = FixJournal.open(dir, SYNC, FixJournal.SEGMENT_MAX_BYTES, failWhen(diskFull))) {
            assertThat(journal.forVehicle("demo", "car-1").restored())
                    .extracting(StoredFix::seq)
                    .containsExactly(10L, 11L, 12L);
            assertThat(journal.restore().compactionError()).contains("No space left on device");
            assertThat(journal.failed()).isTrue();
            assertThat(journal.fixesOnDisk()).isEqualTo(3);
            assertThat(segments()).isEqualTo(before);
            journal.forVehicle("demo", "van-1").append(0, 1, payload("van", 0));
            assertThat(journal.fixesNotWritten()).isEqualTo(1);
        }
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            assertThat(journal.restore().fixes()).isEqualTo(3);
            assertThat(journal.restore().compactionError()).isNull();
        }
    }

    @Test
    void regular_file_as_directory_is_rejected() throws IOException {
        Path file = Files.writeString(dir.resolve("notadir"), "text");

        assertThatThrownBy(() -> FixJournal.open(file, SYNC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " is a file, not a directory");
    }

    private static FixJournal.WriteHook failWhen(AtomicBoolean diskFull) {
        return bytes -> {
            if (diskFull.get()) {
                throw new IOException("No space left on device");
            }
        };
    }

    private void writeFixes(int count) {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            for (long id = 0; id < count; id++) {
                // Payloads of one length give records of one length, so that a test can compute their offsets.
                car.append(
                        id, 10 + id, String.format(Locale.ROOT, "car-%03d", id).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void writeThreeFixes() {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            VehicleJournal car = journal.forVehicle("demo", "car-1");
            for (long id = 0; id < 3; id++) {
                car.append(id, 10 + id, payload("car", id));
            }
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SegmentFormat.segmentNumber(f) >= 0)
                    .sorted()
                    .toList();
        }
    }

    private static byte[] payload(String vehicle, long id) {
        return (vehicle + "-" + id).getBytes(StandardCharsets.UTF_8);
    }
}
