package org.fleettracker.console.internal.map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The disk cache, the Cache-Control reading and the tile server's names, without network or FX. */
class TileFilesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path folder;

    @Test
    void written_tile_reads_back_with_metadata() throws IOException {
        TileDiskCache cache = new TileDiskCache(folder, WEEK);
        TileId tile = new TileId(12, 2177, 1420);

        cache.write(tile, bytes("png"), NOW.plusSeconds(60), "\"abc\"");
        CachedTile read = cache.read(tile);

        assertThat(read).isNotNull();
        assertThat(read.png()).isEqualTo(bytes("png"));
        assertThat(read.expires()).isEqualTo(NOW.plusSeconds(60));
        assertThat(read.etag()).isEqualTo("\"abc\"");
        assertThat(folder.resolve("12/2177/1420.png")).exists();
    }

    @Test
    void write_leaves_no_temporary_files() throws IOException {
        TileDiskCache cache = new TileDiskCache(folder, WEEK);
        TileId tile = new TileId(3, 4, 5);

        cache.write(tile, bytes("first"), NOW, null);
        cache.write(tile, bytes("second"), NOW, null);

        try (Stream<Path> files = Files.list(folder.resolve("3/4"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("5.png", "5.meta");
        }
        assertThat(cache.read(tile).png()).isEqualTo(bytes("second"));
    }

    @Test
    void missing_tile_reads_as_null() throws IOException {
        TileDiskCache cache = new TileDiskCache(folder, WEEK);

        assertThat(cache.read(new TileId(1, 1, 1))).isNull();
    }

    @Test
    void tile_without_metadata_expires_after_default_age() throws IOException {
        TileDiskCache cache = new TileDiskCache(folder, WEEK);
        TileId tile = new TileId(2, 1, 1);
        Path file = cache.tileFile(tile);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes("png"));
        Files.setLastModifiedTime(file, FileTime.from(NOW));

        CachedTile read = cache.read(tile);

        assertThat(read.expires()).isEqualTo(NOW.plus(WEEK));
        assertThat(read.etag()).isNull();
    }

    @Test
    void expiry_update_keeps_image() throws IOException {
        TileDiskCache cache = new TileDiskCache(folder, WEEK);
        TileId tile = new TileId(2, 1, 1);
        cache.write(tile, bytes("png"), NOW, "\"v1\"");

        cache.updateExpiry(tile, NOW.plusSeconds(3600), "\"v1\"");

        assertThat(cache.read(tile).expires()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(cache.read(tile).png()).isEqualTo(bytes("png"));
    }

    @Test
    void max_age_sets_expiry() {
        HttpHeaders headers = headers("Cache-Control", "public, max-age=3600");

        assertThat(TileExpiry.expiresAt(headers, NOW, WEEK)).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void missing_max_age_uses_default() {
        HttpHeaders headers = headers("Content-Type", "image/png");

        assertThat(TileExpiry.expiresAt(headers, NOW, WEEK)).isEqualTo(NOW.plus(WEEK));
    }

    @Test
    void no_cache_makes_tile_due_at_once() {
        HttpHeaders headers = headers("Cache-Control", "no-cache, max-age=600");

        assertThat(TileExpiry.expiresAt(headers, NOW, WEEK)).isEqualTo(NOW);
    }

    @Test
    void invalid_max_age_is_ignored() {
        HttpHeaders headers = headers("Cache-Control", "max-age=soon");

        assertThat(TileExpiry.maxAge(headers)).isEmpty();
    }

    @Test
    void openstreetmap_gets_its_credit() {
        TileSource source = TileSource.of("https://tile.openstreetmap.org/{z}/{x}/{y}.png");

        assertThat(source.attribution()).isEqualTo("© OpenStreetMap contributors");
        assertThat(source.cacheFolderName()).isEqualTo("tile.openstreetmap.org");
        assertThat(source.uri(new TileId(5, 17, 10)).toString())
                .isEqualTo("https://tile.openstreetmap.org/5/17/10.png");
    }

    @Test
    void other_server_is_credited_by_host() {
        TileSource source = TileSource.of("http://127.0.0.1:8123/tiles/{z}/{x}/{y}.png");

        assertThat(source.attribution()).isEqualTo("127.0.0.1");
        assertThat(source.cacheFolderName()).isEqualTo("127.0.0.1_8123");
    }

    @Test
    void ipv6_host_makes_a_plain_folder_name() {
        TileSource source = TileSource.of("http://[::1]:8123/{z}/{x}/{y}.png");

        assertThat(source.cacheFolderName()).isEqualTo("___1__8123");
    }

    @Test
    void template_without_http_is_rejected() {
        assertThatThrownBy(() -> TileSource.of("file:///tiles/{z}/{x}/{y}.png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
