package org.fleettracker.console.internal.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.map.TileLayer;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.console.testing.SyntheticFleet;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The map pane in a real window under Xvfb, with a JDK HTTP server on 127.0.0.1 that serves generated PNG tiles.
 * Screenshots land in {@code target/screenshots}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapViewIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final Queue<String> userAgents = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tileRequests = new AtomicInteger();
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private final List<Stage> stages = new ArrayList<>();
    private final List<MapView> maps = new ArrayList<>();
    private @Nullable HttpServer server;

    @BeforeEach
    void startToolkit() throws Exception {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
        HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        started.createContext("/tiles/", this::serveTile);
        started.setExecutor(serverThreads);
        started.start();
        server = started;
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxThread.run(() -> {
            maps.forEach(MapView::close);
            stages.forEach(Stage::hide);
        });
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    @Test
    void tiles_load_once_and_come_from_disk_after() throws Exception {
        ConsoleSettings settings = settings(Theme.LIGHT).withTileUrl(tileUrl());
        MapView first = open(settings, fleet(40, 0.05));

        FrameStats loaded =
                awaitFrame(first, frame -> frame.tiles() > 0 && frame.scaledTiles() == 0 && allTiles(first));
        int requestsAfterFirst = tileRequests.get();

        assertThat(loaded.tiles()).isGreaterThanOrEqualTo(4);
        assertThat(userAgents).isNotEmpty().allSatisfy(agent -> assertThat(agent)
                .startsWith("fleet-tracker-console/")
                .doesNotContain("Mozilla"));
        assertThat(dataDir.resolve("tiles").resolve("127.0.0.1_" + port())).isDirectory();
        screenshot(first, "map-tiles.png");

        MapView second = open(settings, fleet(40, 0.05));
        awaitFrame(second, frame -> frame.tiles() > 0 && frame.scaledTiles() == 0 && allTiles(second));

        assertThat(tileRequests.get()).isEqualTo(requestsAfterFirst);
    }

    @Test
    void stopped_server_leaves_grid_and_scale_bar() throws Exception {
        String url = tileUrl();
        stopServer();
        MapView map = open(settings(Theme.LIGHT).withTileUrl(url), fleet(40, 0.05));

        await().atMost(WAIT).until(onFx(() -> {
            map.redrawIfNeeded();
            TileLayer tiles = map.tiles();
            return tiles != null && tiles.outages() == 1;
        }));
        FrameStats frame = FxThread.call(() -> {
            map.requestRedraw();
            map.redrawIfNeeded();
            return map.lastFrame();
        });

        assertThat(frame.tiles()).isZero();
        assertThat(frame.gridLines()).isPositive();
        assertThat(frame.vehicles()).isEqualTo(40);
        screenshot(map, "map-tiles-offline.png");
    }

    @Test
    void low_zoom_groups_vehicles_into_clusters() throws Exception {
        MapView map = open(settings(Theme.LIGHT), fleet(2_000, 6.0));

        FrameStats frame = awaitFrame(map, stats -> stats.vehicles() == 2_000);

        assertThat(frame.clusters()).isPositive();
        assertThat(FxThread.call(map::clusterCenters)).hasSize(frame.clusters());
        screenshot(map, "map-clusters.png");
    }

    @Test
    void cluster_click_zooms_in() throws Exception {
        MapView map = open(settings(Theme.LIGHT), fleet(2_000, 6.0));
        awaitFrame(map, stats -> stats.clusters() > 0);
        ScreenPoint cluster = FxThread.call(() -> map.clusterCenters().get(0));
        double zoomBefore = FxThread.call(() -> map.viewport().zoom());

        FxThread.run(() -> map.onClick(cluster, 1));

        assertThat(FxThread.call(() -> map.viewport().zoom())).isGreaterThanOrEqualTo(zoomBefore + 1.0);
        assertThat(FxThread.call(map::camera)).isEqualTo(MapView.Camera.FREE);
    }

    @Test
    void dark_theme_draws_dark_map() throws Exception {
        MapView map = open(settings(Theme.DARK).withTileUrl(tileUrl()), fleet(400, 0.4));

        awaitFrame(map, frame -> frame.tiles() > 0 && frame.scaledTiles() == 0 && allTiles(map));

        screenshot(map, "map-dark.png");
    }

    @Test
    void follow_keeps_selected_vehicle_centred_until_pan() throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(20, 48.137, 11.575, 0.05, START);
        FleetInbox inbox = new FleetInbox(100);
        MapView map = open(settings(Theme.LIGHT), inbox, fleet, 3);
        String followed = SyntheticFleet.vehicleId(0);
        FxThread.run(() -> map.select(followed));

        FxThread.run(() -> map.fireEvent(keyPress(KeyCode.F)));
        VehicleState moved = fleet.state(0, 40);
        inbox.offerState(moved, START.plusSeconds(40));
        GeoPoint centre = FxThread.call(() -> {
            modelOf(map).apply(inbox.drain());
            map.modelChanged();
            map.redrawIfNeeded();
            return map.viewport().center();
        });

        assertThat(FxThread.call(map::camera)).isEqualTo(MapView.Camera.FOLLOW);
        assertThat(centre.latitudeDeg()).isCloseTo(moved.latitudeDeg(), within(1e-6));
        assertThat(centre.longitudeDeg()).isCloseTo(moved.longitudeDeg(), within(1e-6));

        FxThread.run(() -> map.panByPx(40, 0));

        assertThat(FxThread.call(map::camera)).isEqualTo(MapView.Camera.FREE);
    }

    private final List<FleetModel> models = new ArrayList<>();

    private FleetModel modelOf(MapView map) {
        return models.get(maps.indexOf(map));
    }

    private static KeyEvent keyPress(KeyCode code) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false);
    }

    private ConsoleSettings settings(Theme theme) {
        return ConsoleSettings.of("tcp://127.0.0.1:1883", "demo", "dispatcher", "not-used")
                .withWindowSize(900, 600)
                .withDataDir(dataDir)
                .withTheme(theme);
    }

    private static SyntheticFleet fleet(int size, double spreadDeg) {
        return new SyntheticFleet(size, 48.137, 11.575, spreadDeg, START);
    }

    private MapView open(ConsoleSettings settings, SyntheticFleet fleet) throws Exception {
        return open(settings, new FleetInbox(100), fleet, 3);
    }

    /** Shows a map of {@code fleet} after {@code steps} states per vehicle, alone in a window. */
    private MapView open(ConsoleSettings settings, FleetInbox inbox, SyntheticFleet fleet, int steps) throws Exception {
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < fleet.size(); i++) {
                inbox.offerState(fleet.state(i, step), START.plusSeconds(step));
            }
        }
        return FxThread.call(() -> {
            FleetModel model = new FleetModel(100);
            model.apply(inbox.drain());
            MapView map = new MapView(model, id -> {}, settings, Clock.systemUTC());
            Stage stage = new Stage();
            Scene scene = new Scene(map, settings.widthPx(), settings.heightPx());
            scene.getStylesheets().add(ConsoleView.stylesheet());
            stage.setScene(scene);
            stage.show();
            map.layout();
            map.redrawIfNeeded();
            stages.add(stage);
            maps.add(map);
            models.add(model);
            return map;
        });
    }

    private static FrameStats awaitFrame(MapView map, FrameCondition condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(onFx(() -> {
            map.redrawIfNeeded();
            return condition.test(map.lastFrame());
        }));
        try {
            return FxThread.call(map::lastFrame);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the map's last frame", e);
        }
    }

    /** Returns whether every tile under the canvas was drawn at its own zoom. */
    private static boolean allTiles(MapView map) {
        var range = org.fleettracker.console.internal.map.TileRange.covering(map.viewport(), 19);
        return map.lastFrame().tiles() == range.size();
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private void screenshot(MapView map, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> Screenshots.write(map.getScene(), file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    private String tileUrl() {
        return "http://127.0.0.1:" + port() + "/tiles/{z}/{x}/{y}.png";
    }

    private int port() {
        return server == null ? 0 : server.getAddress().getPort();
    }

    private void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void serveTile(HttpExchange exchange) throws IOException {
        try (exchange) {
            tileRequests.incrementAndGet();
            userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            String[] parts =
                    exchange.getRequestURI().getPath().replace(".png", "").split("/");
            byte[] png = tilePng(Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), Integer.parseInt(parts[4]));
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=86400");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
        }
    }

    /** Draws a checkerboard tile with its address, so screenshots show where each tile went. */
    private static byte[] tilePng(int z, int x, int y) {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor((x + y) % 2 == 0 ? new Color(0xe8efe0) : new Color(0xdde6ef));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(0xb8c4b0));
        g.setStroke(new BasicStroke(6));
        g.drawLine(0, 128 + (x % 5) * 20 - 40, 256, 100 + (y % 7) * 15);
        g.drawLine(90 + (y % 3) * 30, 0, 120, 256);
        g.setColor(new Color(0x70808c));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(z + "/" + x + "/" + y, 8, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface FrameCondition {
        boolean test(FrameStats frame);
    }
}
