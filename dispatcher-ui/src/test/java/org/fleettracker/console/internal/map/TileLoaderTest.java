package org.fleettracker.console.internal.map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tile loader against a JDK HTTP server on 127.0.0.1; tiles are text, so no FX toolkit is needed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TileLoaderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path cacheFolder;

    private final Queue<String> userAgents = new ConcurrentLinkedQueue<>();
    private final Queue<String> ifNoneMatch = new ConcurrentLinkedQueue<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger decoded = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicReference<@Nullable CountDownLatch> gate = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final List<TileLoader<String>> loaders = new ArrayList<>();
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(8);
    private @Nullable HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        started.createContext("/", this::serve);
        started.setExecutor(serverThreads);
        started.start();
        server = started;
    }

    @AfterEach
    void stop() {
        loaders.forEach(TileLoader::close);
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    @Test
    void download_names_console_in_user_agent() {
        TileLoader<String> loader = loader();

        loader.request(new TileId(3, 4, 2), false);

        TileLoader.Loaded<String> loaded = awaitLoaded(loader);
        assertThat(loaded.image()).isEqualTo("tile 3/4/2");
        assertThat(loaded.expires()).isEqualTo(T0.plusSeconds(3600));
        assertThat(userAgents).singleElement().asString().startsWith("fleet-tracker-console/");
        assertThat(userAgents.peek()).doesNotContain("Mozilla");
    }

    @Test
    void fresh_cached_tile_needs_no_request() {
        TileLoader<String> first = loader();
        first.request(new TileId(3, 4, 2), false);
        awaitLoaded(first);
        TileLoader<String> second = loader();

        second.request(new TileId(3, 4, 2), false);

        assertThat(awaitLoaded(second).image()).isEqualTo("tile 3/4/2");
        assertThat(second.networkRequests()).isZero();
        assertThat(userAgents).hasSize(1);
    }

    @Test
    void expired_tile_shows_then_revalidates() {
        TileLoader<String> first = loader();
        first.request(new TileId(3, 4, 2), false);
        awaitLoaded(first);
        now.set(T0.plusSeconds(7200));
        status.set(304);
        TileLoader<String> second = loader();

        second.request(new TileId(3, 4, 2), false);

        TileLoader.Loaded<String> cached = awaitLoaded(second);
        TileLoader.Loaded<String> revalidated = awaitLoaded(second);
        assertThat(cached.image()).isEqualTo("tile 3/4/2");
        assertThat(revalidated.image()).isNull();
        assertThat(revalidated.expires()).isEqualTo(T0.plusSeconds(7200 + 3600));
        assertThat(ifNoneMatch).containsExactly("\"3-4-2\"");
    }

    @Test
    void server_errors_log_one_outage_and_back_off() {
        status.set(503);
        TileLoader<String> loader = loader();

        for (int x = 0; x < 8; x++) {
            loader.request(new TileId(3, x, 2), false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> loader.networkRequests() >= 1 && isIdle(loader));

        assertThat(loader.outages()).isEqualTo(1);
        assertThat(loader.poll()).isNull();
        // The first failure makes the whole server wait, so the other tiles do not hammer it.
        assertThat(loader.networkRequests()).isLessThanOrEqualTo(2);
        assertThat(loader.request(new TileId(3, 0, 2), false)).isFalse();
    }

    @Test
    void failed_tile_is_retried_after_backoff() {
        status.set(500);
        TileLoader<String> loader = loader();
        loader.request(new TileId(3, 4, 2), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> loader.networkRequests() == 1 && isIdle(loader));
        status.set(200);

        boolean tooEarly = loader.request(new TileId(3, 4, 2), false);
        now.set(T0.plus(Duration.ofMinutes(10)));
        boolean later = loader.request(new TileId(3, 4, 2), false);

        assertThat(tooEarly).isFalse();
        assertThat(later).isTrue();
        assertThat(awaitLoaded(loader).image()).isEqualTo("tile 3/4/2");
        assertThat(loader.outages()).isEqualTo(1);
    }

    @Test
    void invalid_image_is_not_cached() {
        TileLoader<String> loader = loader();

        loader.request(new TileId(4, 0, 0), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> loader.networkRequests() == 1 && isIdle(loader));

        assertThat(loader.poll()).isNull();
        assertThat(cacheFolder.resolve(folderName()).resolve("4/0/0.png")).doesNotExist();
    }

    @Test
    void huge_tile_is_rejected_and_not_cached() {
        TileLoader<String> loader = loader();

        loader.request(new TileId(6, 1, 1), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> loader.networkRequests() == 1 && isIdle(loader));

        assertThat(loader.poll()).isNull();
        assertThat(decoded.get()).isZero();
        assertThat(loader.outages()).isEqualTo(1);
        assertThat(cacheFolder.resolve(folderName()).resolve("6/1/1.png")).doesNotExist();
    }

    @Test
    void cached_huge_tile_is_deleted() throws IOException {
        Path cachedFile = cacheFolder.resolve(folderName()).resolve("5/1/1.png");
        Files.createDirectories(cachedFile.getParent());
        Files.write(cachedFile, TileImageHeaderTest.png(12000, 12000));
        TileLoader<String> loader = loader();

        loader.request(new TileId(5, 1, 1), false);

        assertThat(awaitLoaded(loader).image()).isEqualTo("tile 5/1/1");
        assertThat(decoded.get()).isEqualTo(1);
        assertThat(Files.readString(cachedFile)).isEqualTo("tile 5/1/1");
    }

    @Test
    void missing_tile_backs_off_only_that_tile() {
        TileLoader<String> loader = loader();
        loader.request(new TileId(7, 0, 0), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> loader.networkRequests() == 1 && isIdle(loader));

        boolean again = loader.request(new TileId(7, 0, 0), false);
        loader.request(new TileId(7, 1, 0), false);

        assertThat(again).isFalse();
        assertThat(awaitLoaded(loader).image()).isEqualTo("tile 7/1/0");
        assertThat(loader.outages()).isZero();
    }

    @Test
    void at_most_two_requests_run_at_once() {
        CountDownLatch release = new CountDownLatch(1);
        gate.set(release);
        TileLoader<String> loader = loader();

        for (int x = 0; x < 10; x++) {
            loader.request(new TileId(5, x, 3), false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> active.get() == 2);
        release.countDown();

        List<String> images = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (TileLoader.Loaded<String> loaded = loader.poll(); loaded != null; loaded = loader.poll()) {
                images.add(loaded.image());
            }
            return images.size() == 10;
        });
        assertThat(maxActive.get()).isEqualTo(2);
    }

    private TileLoader<String> loader() {
        TileSource source = TileSource.of("http://127.0.0.1:" + port() + "/{z}/{x}/{y}.png");
        TileDiskCache cache = new TileDiskCache(cacheFolder.resolve(source.cacheFolderName()), Duration.ofDays(7));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TileLoader<String> loader = new TileLoader<>(
                source, cache, HttpClient.newHttpClient(), this::decode, clock, TileLoader.userAgent());
        loaders.add(loader);
        return loader;
    }

    private String folderName() {
        return "127.0.0.1_" + port();
    }

    private int port() {
        return server == null ? 0 : server.getAddress().getPort();
    }

    private @Nullable String decode(byte[] bytes) {
        decoded.incrementAndGet();
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("tile ") ? text : null;
    }

    private static boolean isIdle(TileLoader<String> loader) {
        return loader.pendingRequests() == 0;
    }

    private static TileLoader.Loaded<String> awaitLoaded(TileLoader<String> loader) {
        AtomicReference<TileLoader.@Nullable Loaded<String>> result = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            result.set(loader.poll());
            return result.get() != null;
        });
        return result.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        int running = active.incrementAndGet();
        maxActive.accumulateAndGet(running, Math::max);
        try {
            awaitGate();
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            String etagSent = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (etagSent != null) {
                ifNoneMatch.add(etagSent);
            }
            String[] parts =
                    exchange.getRequestURI().getPath().replace(".png", "").split("/");
            String id = parts[1] + "/" + parts[2] + "/" + parts[3];
            byte[] body = (parts[1].equals("4") && parts[2].equals("0") ? "garbage " : "tile ")
                    .concat(id)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Cache-Control", "max-age=3600");
            exchange.getResponseHeaders().add("ETag", "\"" + id.replace('/', '-') + "\"");
            int code = parts[1].equals("7") && parts[2].equals("0") ? 404 : status.get();
            if (parts[1].equals("6")) {
                body = TileImageHeaderTest.png(12000, 12000);
            }
            if (code == 200) {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(code, -1);
            }
        } finally {
            active.decrementAndGet();
            exchange.close();
        }
    }

    private void awaitGate() {
        CountDownLatch latch = gate.get();
        if (latch == null) {
            return;
        }
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not open the gate within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
