package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.mqtt.Backoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Loads tiles in the background: from the disk cache first, then from the tile server, at most
 * {@link ConsoleConfig#TILE_MAX_CONCURRENT_REQUESTS} at a time.
 *
 * <p>A cached tile is delivered at once, even when it has expired; the download that refreshes it follows. A
 * failed tile waits for its own exponential backoff, and while requests fail the whole server waits too, so an
 * outage costs a few requests per minute, not one per tile and frame. The first failure of an outage is logged
 * at warn and the recovery at info; failures in between go to debug.
 *
 * <p>A tile larger than {@link ConsoleConfig#TILE_MAX_SIDE_PX} a side or {@link ConsoleConfig#TILE_MAX_BYTES} is
 * rejected before it is decoded and is never cached; a cached copy of such a tile is deleted.
 *
 * <p>Thread safe. Results wait in a queue for {@link #poll()}, which the FX thread calls once per frame.
 *
 * @param <T> the decoded image; a decoder that returns null rejects the bytes as no image
 */
public final class TileLoader<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TileLoader.class);

    private final TileSource source;
    private final TileDiskCache cache;
    private final HttpClient http;
    private final Function<byte[], @Nullable T> decoder;
    private final Clock clock;
    private final String userAgent;
    private final ScheduledThreadPoolExecutor workers;
    private final LinkedBlockingDeque<Request> queue = new LinkedBlockingDeque<>();
    private final Set<TileId> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<TileId, Retry> retries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Loaded<T>> loaded = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean retryDue = new AtomicBoolean();
    private final Outage outage;
    private final AtomicInteger networkRequests = new AtomicInteger();
    private final AtomicBoolean deletedRejectedCopy = new AtomicBoolean();
    private final AtomicBoolean reportedMissingTile = new AtomicBoolean();

    /**
     * Starts the download threads.
     *
     * @param userAgent the User-Agent header of every request; tile servers such as OpenStreetMap's require one
     *     that names the application
     */
    public TileLoader(
            TileSource source,
            TileDiskCache cache,
            HttpClient http,
            Function<byte[], @Nullable T> decoder,
            Clock clock,
            String userAgent) {
        this.source = source;
        this.cache = cache;
        this.http = http;
        this.decoder = decoder;
        this.clock = clock;
        this.userAgent = userAgent;
        this.outage = new Outage(source.cacheFolderName());
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = new ScheduledThreadPoolExecutor(ConsoleConfig.TILE_MAX_CONCURRENT_REQUESTS, runnable -> {
            Thread thread = new Thread(runnable, "map-tiles-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates a loader for {@code source} whose disk cache is {@code tilesFolder/<host>}. */
    public static <T> TileLoader<T> create(
            TileSource source, Path tilesFolder, Function<byte[], @Nullable T> decoder, Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(ConsoleConfig.TILE_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        TileDiskCache cache =
                new TileDiskCache(tilesFolder.resolve(source.cacheFolderName()), ConsoleConfig.TILE_DEFAULT_MAX_AGE);
        return new TileLoader<>(source, cache, http, decoder, clock, userAgent());
    }

    /** Returns the User-Agent the console sends, {@code fleet-tracker-console/<version>}. */
    public static String userAgent() {
        return "fleet-tracker-console/" + ConsoleVersion.VERSION;
    }

    /**
     * Queues {@code tile} unless it is loading already or waits for a retry. Newer requests go first, because they
     * are what the map shows now; beyond {@link ConsoleConfig#TILE_MAX_QUEUED_REQUESTS} the oldest are dropped.
     *
     * @param refresh true to skip delivering the disk copy, for an expired tile the caller already has in memory
     * @return whether the tile was queued
     */
    public boolean request(TileId tile, boolean refresh) {
        Retry retry = retries.get(tile);
        if (retry != null && clock.instant().isBefore(retry.notBefore())) {
            return false;
        }
        if (!inFlight.add(tile)) {
            return false;
        }
        queue.offerFirst(new Request(tile, refresh));
        while (queue.size() > ConsoleConfig.TILE_MAX_QUEUED_REQUESTS) {
            Request dropped = queue.pollLast();
            if (dropped != null) {
                inFlight.remove(dropped.tile());
            }
        }
        workers.execute(this::processNext);
        return true;
    }

    /** Returns the next finished tile, or null when none is waiting. */
    public @Nullable Loaded<T> poll() {
        return loaded.poll();
    }

    /** Returns whether a failed tile's retry time has come since the last call, so the map should ask again. */
    public boolean takeRetryDue() {
        return retryDue.getAndSet(false);
    }

    /** Returns how many requests went to the tile server, for tests and the benchmark. */
    public int networkRequests() {
        return networkRequests.get();
    }

    /** Returns how many tiles are queued or loading. */
    public int pendingRequests() {
        return inFlight.size();
    }

    /** Returns how many outages began: runs of failed requests that a success ended or that still last. */
    public int outages() {
        return outage.count();
    }

    private void processNext() {
        Request request = queue.pollFirst();
        if (request == null) {
            return;
        }
        try {
            load(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug here must not kill the download thread and leave the tile marked as loading forever.
            log.error("Loading tile {} from {} failed unexpectedly", request.tile(), source.cacheFolderName(), e);
        } finally {
            inFlight.remove(request.tile());
        }
    }

    private void load(Request request) throws InterruptedException {
        TileId tile = request.tile();
        CachedTile cached = readCached(tile);
        Instant now = clock.instant();
        if (cached != null && isRejectedCopy(tile, cached)) {
            cached = null;
        }
        if (cached != null && !request.refresh()) {
            T image = decoder.apply(cached.png());
            if (image == null) {
                log.debug("Cached tile {} is not a valid image; downloading it again", tile);
                cached = null;
            } else {
                loaded.add(new Loaded<>(tile, image, cached.expires()));
            }
        }
        if (cached != null && cached.expires().isAfter(now)) {
            if (request.refresh()) {
                loaded.add(new Loaded<>(tile, null, cached.expires()));
            }
            return;
        }
        Instant serverFreeAt = outage.serverFreeAt();
        if (now.isBefore(serverFreeAt)) {
            scheduleRetry(tile, serverFreeAt, false);
            return;
        }
        download(tile, cached);
    }

    private @Nullable CachedTile readCached(TileId tile) {
        try {
            return cache.read(tile);
        } catch (IOException e) {
            log.debug("Cannot read cached tile {}: {}", tile, e.toString());
            return null;
        }
    }

    /** Deletes a cached tile that an older console stored although it is too large to decode; returns whether. */
    private boolean isRejectedCopy(TileId tile, CachedTile cached) {
        String rejection = TileImageHeader.rejection(cached.png());
        if (rejection == null) {
            return false;
        }
        if (!deletedRejectedCopy.getAndSet(true)) {
            log.info(
                    "Deleting cached tiles of {} that the map rejects, such as {}: {}",
                    source.cacheFolderName(),
                    tile,
                    rejection);
        }
        try {
            cache.delete(tile);
        } catch (IOException e) {
            log.warn("Cannot delete the rejected cached tile {}: {}", tile, e.toString());
        }
        return true;
    }

    private void download(TileId tile, @Nullable CachedTile cached) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(source.uri(tile))
                .timeout(ConsoleConfig.TILE_REQUEST_TIMEOUT)
                .header("User-Agent", userAgent)
                .header("Accept", "image/png,image/*;q=0.8");
        if (cached != null && cached.etag() != null) {
            builder.header("If-None-Match", cached.etag());
        }
        networkRequests.incrementAndGet();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            // Reads one byte past the limit, so a longer body is rejected without holding all of it.
            try (InputStream stream = response.body()) {
                body = response.statusCode() == 200 ? stream.readNBytes(ConsoleConfig.TILE_MAX_BYTES + 1) : new byte[0];
            }
        } catch (IOException e) {
            failed(tile, e.toString());
            return;
        }
        Instant now = clock.instant();
        Instant expires = TileExpiry.expiresAt(response.headers(), now, ConsoleConfig.TILE_DEFAULT_MAX_AGE);
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (response.statusCode() == 304 && cached != null) {
            store(() -> cache.updateExpiry(tile, expires, etag), tile);
            loaded.add(new Loaded<>(tile, null, expires));
            succeeded(tile);
            return;
        }
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            missing(tile, response.statusCode());
            return;
        }
        if (response.statusCode() != 200) {
            failed(tile, "HTTP status " + response.statusCode() + " for " + source.uri(tile));
            return;
        }
        String rejection = TileImageHeader.rejection(body);
        if (rejection != null) {
            failed(tile, "rejected " + source.uri(tile) + " without decoding it, because " + rejection);
            return;
        }
        T image = decoder.apply(body);
        if (image == null) {
            failed(tile, "the response to " + source.uri(tile) + " is not a valid image");
            return;
        }
        store(() -> cache.write(tile, body, expires, etag), tile);
        loaded.add(new Loaded<>(tile, image, expires));
        succeeded(tile);
    }

    private void store(CacheWrite write, TileId tile) {
        try {
            write.run();
        } catch (IOException e) {
            // The tile still shows; only the next start downloads it again.
            log.warn("Cannot write tile {} to the disk cache: {}", tile, e.toString());
        }
    }

    private void succeeded(TileId tile) {
        retries.remove(tile);
        outage.succeeded();
    }

    private void failed(TileId tile, String reason) {
        Retry retry = backOffTile(tile);
        outage.failed(tile, reason, clock.instant());
        scheduleRetry(tile, retry.notBefore(), true);
    }

    /** Backs off only {@code tile}: a server without this tile still serves the others. */
    private void missing(TileId tile, int statusCode) {
        Retry retry = backOffTile(tile);
        if (!reportedMissingTile.getAndSet(true)) {
            log.info(
                    "Tile server {} has no tile {} (HTTP {}); the map draws the grid there and asks again later",
                    source.cacheFolderName(),
                    tile,
                    statusCode);
        } else {
            log.debug("Tile server {} has no tile {} (HTTP {})", source.cacheFolderName(), tile, statusCode);
        }
        scheduleRetry(tile, retry.notBefore(), true);
    }

    private Retry backOffTile(TileId tile) {
        return retries.compute(tile, (id, previous) -> {
            Backoff backoff = previous != null
                    ? previous.backoff()
                    : new Backoff(ConsoleConfig.TILE_RETRY_MIN_DELAY, ConsoleConfig.TILE_RETRY_MAX_DELAY);
            return new Retry(backoff, clock.instant().plus(backoff.nextDelay()));
        });
    }

    private void scheduleRetry(TileId tile, Instant notBefore, boolean recorded) {
        if (!recorded) {
            retries.compute(
                    tile,
                    (id, previous) -> new Retry(
                            previous != null
                                    ? previous.backoff()
                                    : new Backoff(
                                            ConsoleConfig.TILE_RETRY_MIN_DELAY, ConsoleConfig.TILE_RETRY_MAX_DELAY),
                            notBefore));
        }
        long delayMs = Math.max(0, Duration.between(clock.instant(), notBefore).toMillis());
        workers.schedule(() -> retryDue.set(true), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Stops the download threads; requests still queued are dropped. */
    @Override
    public void close() {
        workers.shutdownNow();
        queue.clear();
    }

    /**
     * A finished tile.
     *
     * @param image the decoded tile, or null when only its expiry changed
     * @param expires when the tile should be refreshed
     */
    public record Loaded<T>(TileId tile, @Nullable T image, Instant expires) {}

    private record Request(TileId tile, boolean refresh) {}

    private record Retry(Backoff backoff, Instant notBefore) {}

    @FunctionalInterface
    private interface CacheWrite {
        void run() throws IOException;
    }

    /** The server-wide state: whether requests fail, and how long the whole server waits. */
    private static final class Outage {

        private final String server;
        private final Backoff backoff =
                new Backoff(ConsoleConfig.TILE_RETRY_MIN_DELAY, ConsoleConfig.TILE_RETRY_MAX_DELAY);
        private final AtomicLong failuresInOutage = new AtomicLong();
        private final AtomicInteger count = new AtomicInteger();
        private Instant serverFreeAt = Instant.MIN;
        private boolean ongoing;

        Outage(String server) {
            this.server = server;
        }

        synchronized Instant serverFreeAt() {
            return serverFreeAt;
        }

        synchronized void failed(TileId tile, String reason, Instant now) {
            failuresInOutage.incrementAndGet();
            if (!now.isBefore(serverFreeAt)) {
                serverFreeAt = now.plus(backoff.nextDelay());
            }
            if (!ongoing) {
                ongoing = true;
                count.incrementAndGet();
                log.warn(
                        "Map tiles from {} cannot be loaded ({}); the map draws cached tiles and the grid, and retries"
                                + " with backoff",
                        server,
                        reason);
            } else {
                log.debug("Tile {} from {} failed again: {}", tile, server, reason);
            }
        }

        synchronized void succeeded() {
            backoff.reset();
            serverFreeAt = Instant.MIN;
            if (ongoing) {
                ongoing = false;
                log.info("Map tiles from {} load again after {} failed requests", server, failuresInOutage.get());
                failuresInOutage.set(0);
            }
        }

        int count() {
            return count.get();
        }
    }
}
