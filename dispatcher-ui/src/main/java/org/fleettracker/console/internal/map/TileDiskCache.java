package org.fleettracker.console.internal.map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Tiles of one server on disk: {@code <folder>/{z}/{x}/{y}.png}, next to {@code {y}.meta} that stores when the
 * tile expires and its entity tag.
 *
 * <p>Every file is written to a temporary file in the same folder and then moved into place, so a reader never
 * reads half a tile, even after a crash. Thread safe: concurrent writers of one tile leave one whole copy.
 */
final class TileDiskCache {

    private static final Logger log = LoggerFactory.getLogger(TileDiskCache.class);

    private static final String EXPIRES = "expires=";
    private static final String ETAG = "etag=";

    private final Path folder;
    private final Duration defaultMaxAge;

    /** {@code defaultMaxAge} dates a tile whose metadata file is missing or unreadable, from the tile's mtime. */
    TileDiskCache(Path folder, Duration defaultMaxAge) {
        this.folder = folder;
        this.defaultMaxAge = defaultMaxAge;
    }

    Path tileFile(TileId tile) {
        return folder.resolve(Integer.toString(tile.z()))
                .resolve(Integer.toString(tile.x()))
                .resolve(tile.y() + ".png");
    }

    private Path metaFile(TileId tile) {
        return tileFile(tile).resolveSibling(tile.y() + ".meta");
    }

    /**
     * Returns the cached tile, or null when the cache has none.
     *
     * @throws IOException when the tile exists but cannot be read
     */
    @Nullable
    CachedTile read(TileId tile) throws IOException {
        Path file = tileFile(tile);
        byte[] png;
        try {
            png = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        Instant expires = Files.getLastModifiedTime(file).toInstant().plus(defaultMaxAge);
        String etag = null;
        try {
            for (String line : Files.readAllLines(metaFile(tile), StandardCharsets.UTF_8)) {
                if (line.startsWith(EXPIRES)) {
                    expires = Instant.parse(line.substring(EXPIRES.length()));
                } else if (line.startsWith(ETAG) && line.length() > ETAG.length()) {
                    etag = line.substring(ETAG.length());
                }
            }
        } catch (NoSuchFileException | DateTimeParseException e) {
            log.debug(
                    "Tile {} has no readable metadata ({}); it expires {} after its file time", tile, e, defaultMaxAge);
        }
        return new CachedTile(png, expires, etag);
    }

    /**
     * Stores {@code png} and its metadata, replacing an older copy.
     *
     * @throws IOException when a folder or file cannot be written
     */
    void write(TileId tile, byte[] png, Instant expires, @Nullable String etag) throws IOException {
        Path file = tileFile(tile);
        Files.createDirectories(file.getParent());
        writeAtomically(file, png);
        writeMeta(tile, expires, etag);
    }

    /**
     * Deletes a cached tile and its metadata; a missing file is fine.
     *
     * @throws IOException when a file exists but cannot be deleted
     */
    void delete(TileId tile) throws IOException {
        Files.deleteIfExists(tileFile(tile));
        Files.deleteIfExists(metaFile(tile));
    }

    /**
     * Records a new expiry for a cached tile, after the server confirmed it unchanged.
     *
     * @throws IOException when the metadata file cannot be written
     */
    void updateExpiry(TileId tile, Instant expires, @Nullable String etag) throws IOException {
        if (Files.exists(tileFile(tile))) {
            writeMeta(tile, expires, etag);
        }
    }

    private void writeMeta(TileId tile, Instant expires, @Nullable String etag) throws IOException {
        StringBuilder meta = new StringBuilder(EXPIRES).append(expires).append('\n');
        // A header value cannot hold a line break, but a broken server must not be able to add lines.
        if (etag != null && etag.indexOf('\n') < 0 && etag.indexOf('\r') < 0) {
            meta.append(ETAG).append(etag).append('\n');
        }
        writeAtomically(metaFile(tile), meta.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temporary =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
