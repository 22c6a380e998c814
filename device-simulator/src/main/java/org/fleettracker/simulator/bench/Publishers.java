package org.fleettracker.simulator.bench;

import org.fleettracker.simulator.internal.mqtt.LinkResources;
import org.fleettracker.simulator.internal.mqtt.LinkSettings;
import org.fleettracker.simulator.internal.mqtt.PublishObserver;
import org.fleettracker.simulator.internal.mqtt.VehicleLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The simulated vehicles of one phase: one simulator {@link VehicleLink} per vehicle (QoS 1, with its outbox and
 * reconnects), its fix generator and its {@link FixLog}. One thread, the feeder's, calls {@link #submit(int)} and
 * {@link #submitted()}.
 */
final class Publishers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publishers.class);

    /** Unacknowledged QoS 1 publishes per vehicle, as many as the simulator's default. */
    static final int MAX_IN_FLIGHT = 10;

    /** Fixes a vehicle's outbox may hold; the feeder keeps it far below, so none is dropped. */
    private static final int BUFFER_SIZE = 100_000;

    /** Connect timeout per attempt; long, because hundreds of logins check PBKDF2 hashes at once. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** Centre of the vehicles' start positions, and the spread of their longitudes in degrees. */
    private static final double START_LATITUDE_DEG = 46.05;

    private static final double START_LONGITUDE_DEG = 14.50;

    private static final double LONGITUDE_SPREAD_DEG = 0.1;

    /** Connect attempts of the bench's vehicles in progress at one time, as the simulator's default. */
    private static final int MAX_CONNECTS_IN_FLIGHT = 50;

    private final LinkResources resources;
    private final List<VehicleLink> links = new ArrayList<>();
    private final List<VehicleFixes> fixes = new ArrayList<>();
    private final List<FixLog> logs = new ArrayList<>();
    private final long firstSeq;
    private long submitted;
    private boolean closed;

    /**
     * Creates the vehicles {@code <prefix>0001} and up, whose first fix carries {@code firstSeq}; nothing connects
     * before {@link #connect(Duration, ChildProcess)}.
     */
    Publishers(
            String brokerUrl,
            String fleetId,
            String username,
            String password,
            String prefix,
            int count,
            long firstSeq) {
        this.firstSeq = firstSeq;
        this.resources = new LinkResources(MAX_CONNECTS_IN_FLIGHT);
        LinkSettings settings = new LinkSettings(
                brokerUrl,
                fleetId,
                username,
                password,
                BUFFER_SIZE,
                MAX_IN_FLIGHT,
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                0.2,
                Duration.ofSeconds(60),
                CONNECT_TIMEOUT,
                CLOSE_TIMEOUT,
                null,
                false);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < count; i++) {
            String vehicleId = String.format(Locale.ROOT, "%s%04d", prefix, i + 1);
            VehicleLink link = new VehicleLink(vehicleId, settings, resources, random.split());
            FixLog fixLog = new FixLog(firstSeq);
            link.observePublishes(new Recorder(fixLog));
            links.add(link);
            logs.add(fixLog);
            double longitude = START_LONGITUDE_DEG + LONGITUDE_SPREAD_DEG * i / count;
            fixes.add(new VehicleFixes(vehicleId, firstSeq, START_LATITUDE_DEG, longitude));
        }
    }

    /**
     * Connects every vehicle and waits until all are connected to {@code server}'s broker.
     *
     * @throws ChildExitedException when {@code server} exits meanwhile
     * @throws IllegalStateException when some are not connected within {@code timeout}
     */
    void connect(Duration timeout, Measured server) {
        links.forEach(VehicleLink::start);
        Waits.until(
                () -> {
                    server.requireAlive();
                    return connectedCount() == links.size();
                },
                timeout,
                () -> "only " + connectedCount() + " of " + links.size() + " vehicles connected to "
                        + links.get(0).brokerUrl() + " within " + timeout.toSeconds() + " s");
        log.info("{} vehicles connected to {}", links.size(), links.get(0).brokerUrl());
    }

    int size() {
        return links.size();
    }

    /** Queues the vehicle's next fix in its link. */
    void submit(int index) {
        links.get(index).submit(fixes.get(index).next());
        submitted++;
    }

    int pending(int index) {
        return links.get(index).pending();
    }

    /** Returns the number of fixes submitted so far, over all vehicles; call it from the feeder's thread. */
    long submitted() {
        return submitted;
    }

    long nextSeq(int index) {
        return fixes.get(index).nextSeq();
    }

    long firstSeq() {
        return firstSeq;
    }

    String vehicleId(int index) {
        return links.get(index).vehicleId();
    }

    FixLog log(int index) {
        return logs.get(index);
    }

    /** Returns the vehicle ids with their index. */
    Map<String, Integer> indexes() {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        for (int i = 0; i < links.size(); i++) {
            indexes.put(links.get(i).vehicleId(), i);
        }
        return indexes;
    }

    Counters counters() {
        long published = 0;
        long acknowledged = 0;
        long pending = 0;
        long quotaRetries = 0;
        long reconnects = 0;
        long rejected = 0;
        for (VehicleLink link : links) {
            published += link.published();
            acknowledged += link.acknowledged();
            pending += link.pending();
            quotaRetries += link.quotaRetries();
            reconnects += link.reconnects();
            rejected += link.rejected();
        }
        return new Counters(published, acknowledged, pending, quotaRetries, reconnects, rejected);
    }

    /**
     * Sums of the vehicles' link counters.
     *
     * @param published telemetry publishes handed to the MQTT client, resends included
     * @param quotaRetries publishes the broker's per-vehicle rate limit rejected with QUOTA_EXCEEDED
     */
    record Counters(
            long published, long acknowledged, long pending, long quotaRetries, long reconnects, long rejected) {}

    private int connectedCount() {
        int connected = 0;
        for (VehicleLink link : links) {
            if (link.isConnected()) {
                connected++;
            }
        }
        return connected;
    }

    /** Disconnects every vehicle; the fixes still pending are given up. Later calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> closing =
                links.stream().map(VehicleLink::close).toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(CLOSE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Closing the vehicles' connections failed: {}", e.getMessage());
        } finally {
            resources.close();
        }
    }

    /** Writes the publish and acknowledgement times of one vehicle's fixes into its log. */
    private record Recorder(FixLog fixLog) implements PublishObserver {

        @Override
        public void publishing(long seq) {
            fixLog.published(seq, EpochMicros.now());
        }

        @Override
        public void acknowledged(long seq) {
            fixLog.acknowledged(seq, EpochMicros.now());
        }
    }
}
