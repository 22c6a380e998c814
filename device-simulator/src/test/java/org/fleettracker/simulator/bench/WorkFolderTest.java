package org.fleettracker.simulator.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkFolderTest {

    @TempDir
    Path dir;

    @Test
    void lossless_run_deletes_temp_folder() {
        assertThat(WorkFolder.keepReason(false, false, 0)).isNull();
    }

    @Test
    void folder_named_by_the_user_is_kept() {
        assertThat(WorkFolder.keepReason(true, false, 0)).isEqualTo("--work-dir named it");
    }

    @Test
    void keep_option_keeps_the_folder() {
        assertThat(WorkFolder.keepReason(false, true, 0)).isEqualTo("--keep-work-dir is set");
    }

    @Test
    void lost_fix_keeps_the_folder_for_its_logs() {
        assertThat(WorkFolder.keepReason(false, false, 3)).isEqualTo("3 fixes were lost and its logs show why");
    }

    @Test
    void delete_removes_nested_files_and_folders() throws IOException {
        Path work = Files.createDirectories(dir.resolve("fleet-bench-1"));
        Files.writeString(work.resolve("tracker.log"), "log");
        Files.createDirectories(work.resolve("tracker").resolve("db"));
        Files.writeString(work.resolve("tracker").resolve("db").resolve("fleet.mv.db"), "data");

        WorkFolder.delete(work);

        assertThat(work).doesNotExist();
        assertThat(dir).exists();
    }

    @Test
    void delete_removes_a_link_without_following_it() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep me");
        Path work = Files.createDirectories(dir.resolve("fleet-bench-2"));
        Files.createSymbolicLink(work.resolve("link"), outside);

        WorkFolder.delete(work);

        assertThat(work).doesNotExist();
        assertThat(outside).hasContent("keep me");
    }
}
