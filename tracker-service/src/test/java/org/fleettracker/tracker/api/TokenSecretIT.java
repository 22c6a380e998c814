package org.fleettracker.tracker.api;

import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The tracker's token secret: created once in the data folder, kept across restarts, or given as a file. */
@Timeout(180)
class TokenSecretIT {

    @TempDir
    Path folder;

    @Test
    void secret_is_created_owner_only_and_reused_after_restart() throws Exception {
        assumeThat(folder.getFileSystem().supportedFileAttributeViews()).contains("posix");
        TrackerSettings settings = TrackerHarness.settings(folder).build();
        Path secretFile = settings.dataDir().resolve("token-secret");
        String token;
        try (Tracker tracker = Tracker.start(settings)) {
            token = issue(tracker);
        }
        String secret = Files.readString(secretFile);

        try (Tracker restarted = Tracker.start(settings)) {
            HttpResponse<String> refresh = TrackerHarness.send(restarted, "POST", "/api/v1/tokens", "Bearer " + token);

            assertThat(refresh.statusCode()).isEqualTo(200);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(secretFile)).isEqualTo(secret);
    }

    @Test
    void missing_configured_secret_file_stops_start() throws Exception {
        Path absent = folder.resolve("absent-secret");
        TrackerSettings settings =
                TrackerHarness.settings(folder).tokenSecretFile(absent).build();

        assertThatThrownBy(() -> Tracker.start(settings).close())
                .hasMessageContaining("absent-secret")
                .hasMessageContaining("does not exist");
    }

    private static String issue(Tracker tracker) throws Exception {
        String basic = Base64.getEncoder().encodeToString("viewer:viewer-demo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = TrackerHarness.send(tracker, "POST", "/api/v1/tokens", "Basic " + basic);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).get("token").asText();
    }
}
