package org.fleettracker.console.internal;

import java.nio.file.Path;
import java.time.Duration;

/** Tunables of the console, each with its unit in the name. */
public final class ConsoleConfig {

    /** Positions kept per vehicle for its trail on the map. */
    public static final int TRAIL_LENGTH = 100;

    /** First delay before reconnecting after a lost or failed connection. */
    public static final Duration RECONNECT_MIN_DELAY = Duration.ofMillis(500);

    /** Upper bound of the reconnect delay, which doubles after each failed attempt. */
    public static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(30);

    /** Seconds Paho waits for the broker's CONNACK before the attempt counts as failed. */
    public static final int CONNECT_TIMEOUT_S = 10;

    /** MQTT keep-alive interval; a silent broker is detected after about 1.5 times this. */
    public static final int KEEP_ALIVE_S = 20;

    /** Time given to a clean MQTT DISCONNECT when the console closes. */
    public static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Maximum wait for one request to the tracker's HTTP API: an access token, a history read or a write. */
    public static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Part of an access token's lifetime after which the console gets a new token and reconnects with it, so the
     * broker never closes the session for an expired token.
     */
    public static final double TOKEN_REFRESH_FRACTION = 0.8;

    /** Zoom level from which the map writes vehicle ids next to their markers. */
    public static final double LABEL_MIN_ZOOM = 11.0;

    /** Lowest zoom level of the map; at level z the world is 256 * 2^z pixels wide. */
    public static final double MIN_ZOOM = 1.0;

    /** Highest zoom level of the map, about 0.3 m per pixel at the equator. */
    public static final double MAX_ZOOM = 19.0;

    /** Zoom used when the fleet has a single position, so the map does not zoom in to the limit. */
    public static final double SINGLE_POSITION_ZOOM = 14.0;

    /** Empty margin around the fleet when the map fits it into view, in pixels. */
    public static final double FIT_MARGIN_PX = 40.0;

    /** Zoom change per scroll-wheel notch (40 px of scroll delta). */
    public static final double ZOOM_PER_SCROLL_NOTCH = 0.25;

    /** Radius of a vehicle marker, in pixels. */
    public static final double MARKER_RADIUS_PX = 7.0;

    /** Distance within which a click on the map selects a vehicle, in pixels. */
    public static final double PICK_RADIUS_PX = 12.0;

    /** Maximum number of single markers in view for which the map writes vehicle ids; with more it writes none. */
    public static final int LABEL_MAX_VEHICLES = 300;

    /** Zoom level from which the map never groups vehicles into clusters. */
    public static final double CLUSTER_MAX_ZOOM = 15.0;

    /** Vehicles in view up to which the map draws single markers at any zoom. */
    public static final int CLUSTER_MIN_VISIBLE_VEHICLES = 60;

    /** Side of the grid cells whose vehicles join one cluster, in pixels. */
    public static final double CLUSTER_CELL_PX = 48.0;

    /** Radius of a cluster of two vehicles, in pixels; larger clusters grow with the logarithm of the count. */
    public static final double CLUSTER_MIN_RADIUS_PX = 11.0;

    /** Zoom levels a click on a cluster adds at least, when fitting its vehicles would zoom in less. */
    public static final double CLUSTER_CLICK_MIN_ZOOM_STEP = 1.0;

    /** Distance below which the map skips a trail point after the previous one drawn, in pixels. */
    public static final double TRAIL_MIN_STEP_PX = 1.5;

    /** Widest scale bar drawn on the map, in pixels. */
    public static final double SCALE_BAR_MAX_WIDTH_PX = 140.0;

    /** Distance between grid lines the map aims for, in pixels. */
    public static final double GRID_TARGET_SPACING_PX = 120.0;

    /** Deepest zoom level of the raster tiles; closer in, the map scales level-19 tiles up. */
    public static final int TILE_MAX_ZOOM = 19;

    /**
     * Maximum number of tile requests in flight at once. OpenStreetMap's tile usage policy allowed two parallel
     * downloads until its January 2024 revision, and two keep the console light on any tile server.
     */
    public static final int TILE_MAX_CONCURRENT_REQUESTS = 2;

    /** Maximum number of tile requests waiting for a download slot; when the map moves on, the oldest go first. */
    public static final int TILE_MAX_QUEUED_REQUESTS = 128;

    /** Decoded tiles kept in memory; a 256 px tile takes 256 KiB, so 256 tiles take 64 MiB. */
    public static final int TILE_MEMORY_CACHE_TILES = 256;

    /** How long a downloaded tile counts as fresh when the server sends no Cache-Control max-age. */
    public static final Duration TILE_DEFAULT_MAX_AGE = Duration.ofDays(7);

    /** Time to connect to the tile server before a tile request fails. */
    public static final Duration TILE_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Time for a whole tile request, connection included, before it fails. */
    public static final Duration TILE_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** First delay before a failed tile is requested again; it doubles per failure of that tile. */
    public static final Duration TILE_RETRY_MIN_DELAY = Duration.ofSeconds(2);

    /** Maximum delay before a failed tile is requested again. */
    public static final Duration TILE_RETRY_MAX_DELAY = Duration.ofMinutes(5);

    /** Zoom levels above a missing tile that the map searches for a loaded tile to draw scaled up. */
    public static final int TILE_PARENT_LEVELS = 4;

    /** Largest width or height of a tile image that the map decodes, in pixels; larger tiles are rejected. */
    public static final int TILE_MAX_SIDE_PX = 1024;

    /** Largest tile response that the map reads, in bytes; it stops reading a longer body and rejects the tile. */
    public static final int TILE_MAX_BYTES = 2 * 1024 * 1024;

    /** Default folder of the console's own files: outbox, tile cache and saved settings. */
    public static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".fleet-console");

    /** Default time the broker keeps the console's session and queues its events after a disconnect. */
    public static final Duration SESSION_EXPIRY = Duration.ofHours(1);

    /** Default window width, in pixels. */
    public static final int DEFAULT_WIDTH_PX = 1200;

    /** Default window height, in pixels. */
    public static final int DEFAULT_HEIGHT_PX = 760;

    /** Radius a new job stop gets until the dispatcher changes it, in metres. */
    public static final double DEFAULT_STOP_RADIUS_M = 100.0;

    /** Maximum positions one history playback loads; a range with more shows the first ones and a message. */
    public static final int PLAYBACK_MAX_POSITIONS = 20_000;

    /** Maximum gap between two fixes that playback interpolates across; in a longer one the marker stays put. */
    public static final Duration PLAYBACK_MAX_GAP = Duration.ofMinutes(5);

    /** Commands that the dispatch tab lists, newest first. */
    public static final int SENT_COMMANDS_SHOWN = 50;

    /** Time span of speeds kept per vehicle for the speed chart of the vehicle details. */
    public static final Duration SPEED_HISTORY_WINDOW = Duration.ofHours(1);

    /** Minimum fix-time gap between two kept speed samples of a vehicle; closer samples are dropped. */
    public static final Duration SPEED_SAMPLE_MIN_SPACING = Duration.ofSeconds(10);

    /** Speed samples kept per vehicle: one window at the minimum spacing. */
    public static final int SPEED_HISTORY_MAX_SAMPLES = 360;

    /** Positions read from the tracker's history to fill a selected vehicle's speed chart: one per second. */
    public static final int SPEED_FILL_MAX_POSITIONS = 3600;

    /** Events listed in the vehicle details, newest first. */
    public static final int DETAILS_EVENT_COUNT = 20;

    /** Maximum events the console keeps in memory, over every vehicle. */
    public static final int EVENTS_MAX = 5_000;

    /** Maximum events the console keeps in memory per vehicle. */
    public static final int EVENTS_PER_VEHICLE_MAX = 200;

    /** Maximum alerts the console keeps in memory, open or acknowledged. */
    public static final int ALERTS_MAX = 1_000;

    /** Maximum command statuses the console remembers for the views. */
    public static final int COMMAND_STATUSES_MAX = 2_000;

    /** Maximum events waiting in the inbox for the next frame; older ones are dropped and counted beyond it. */
    public static final int INBOX_EVENTS_MAX = 10_000;

    /** Maximum positions the console reads per vehicle to fill the gap in its trail after a reconnect. */
    public static final int RESYNC_POSITIONS_MAX = 2_000;

    /** Maximum events the console reads to fill the gap in its event log after a reconnect. */
    public static final int RESYNC_EVENTS_MAX = 2_000;

    /**
     * History reads the refill after a reconnect runs at once, one vehicle each; the tracker's HTTP API has 4 worker
     * threads by default.
     */
    public static final int RESYNC_CONCURRENT_READS = 4;

    /** Reads of the history after a reconnect, the first included, before the console leaves the gap unfilled. */
    public static final int RESYNC_ATTEMPTS = 5;

    /** Wait before the second read of the history after a failed one; it doubles per failure (2, 4, 8 and 16 s). */
    public static final Duration RESYNC_RETRY_DELAY = Duration.ofSeconds(2);

    /** Maximum open alerts the console reads from the tracker after each connect. */
    public static final int OPEN_ALERTS_MAX = ALERTS_MAX;

    /**
     * Time before a connection loss that the refill after the reconnect also reads, because fixes measured just
     * before the loss may not have reached the console yet.
     */
    public static final Duration RESYNC_OVERLAP = Duration.ofSeconds(30);

    /** Rows per page the console requests from the tracker's list endpoints. */
    public static final int API_PAGE_LIMIT = 1_000;

    /** Maximum pages the console follows in one paged read, so a wrong cursor cannot loop for ever. */
    public static final int API_MAX_PAGES = 100;

    /** Confirmed or failed outbox entries kept in memory for the views after they leave the disk. */
    public static final int OUTBOX_RECENT_ENTRIES = 50;

    /** Longest wait the outbox honours from a tracker's {@code Retry-After} before it tries an entry again. */
    public static final Duration OUTBOX_MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private ConsoleConfig() {}
}
