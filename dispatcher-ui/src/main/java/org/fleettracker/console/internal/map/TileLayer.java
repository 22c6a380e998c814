package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.ConsoleConfig;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;

/**
 * The map's raster tiles as decoded images: an LRU of at most {@link ConsoleConfig#TILE_MEMORY_CACHE_TILES} in
 * memory, filled by a {@link TileLoader} that reads the disk cache and downloads in the background.
 *
 * <p>Used on the FX thread only: nothing here waits for disk or network.
 */
public final class TileLayer implements AutoCloseable {

    private final TileSource source;
    private final TileLoader<Image> loader;
    private final Clock clock;
    private final Map<TileId, Entry> memory = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, Entry> eldest) {
            return size() > ConsoleConfig.TILE_MEMORY_CACHE_TILES;
        }
    };

    TileLayer(TileSource source, TileLoader<Image> loader, Clock clock) {
        this.source = source;
        this.loader = loader;
        this.clock = clock;
    }

    /**
     * Starts loading tiles from {@code template}, caching them under {@code dataDir/tiles/<host>}.
     *
     * @throws IllegalArgumentException when the template is no http or https URL with a host
     */
    public static TileLayer start(String template, Path dataDir, Clock clock) {
        TileSource source = TileSource.of(template);
        return new TileLayer(
                source, TileLoader.create(source, dataDir.resolve("tiles"), TileLayer::decode, clock), clock);
    }

    private static @Nullable Image decode(byte[] png) {
        Image image = new Image(new ByteArrayInputStream(png));
        return image.isError() || image.getWidth() <= 0 ? null : image;
    }

    /**
     * Returns the tile if it is in memory, and otherwise queues it and returns null. An expired tile is returned
     * and queued for a refresh.
     */
    public @Nullable Image image(TileId tile) {
        Entry entry = memory.get(tile);
        if (entry == null) {
            loader.request(tile, false);
            return null;
        }
        if (!entry.expires().isAfter(clock.instant())) {
            loader.request(tile, true);
        }
        return entry.image();
    }

    /** Returns the tile if it is in memory, without queueing it; for drawing a parent scaled up. */
    public @Nullable Image cachedImage(TileId tile) {
        Entry entry = memory.get(tile);
        return entry == null ? null : entry.image();
    }

    /** Moves finished loads into memory; returns whether the map should redraw for new tiles or due retries. */
    public boolean takeLoaded() {
        boolean changed = loader.takeRetryDue();
        for (TileLoader.Loaded<Image> loaded = loader.poll(); loaded != null; loaded = loader.poll()) {
            Image image = loaded.image();
            if (image != null) {
                memory.put(loaded.tile(), new Entry(image, loaded.expires()));
                changed = true;
            } else {
                Entry entry = memory.get(loaded.tile());
                if (entry != null) {
                    memory.put(loaded.tile(), new Entry(entry.image(), loaded.expires()));
                }
            }
        }
        return changed;
    }

    /** Returns the credit to show for the tiles. */
    public String attribution() {
        return source.attribution();
    }

    /** Returns the deepest zoom level the server has tiles for. */
    public int maxZoom() {
        return ConsoleConfig.TILE_MAX_ZOOM;
    }

    /** Returns how many requests went to the tile server. */
    public int networkRequests() {
        return loader.networkRequests();
    }

    /** Returns how many outages of the tile server began. */
    public int outages() {
        return loader.outages();
    }

    /** Returns how many decoded tiles are in memory. */
    public int memoryTiles() {
        return memory.size();
    }

    /** Stops the download threads. */
    @Override
    public void close() {
        loader.close();
    }

    private record Entry(Image image, Instant expires) {}
}
