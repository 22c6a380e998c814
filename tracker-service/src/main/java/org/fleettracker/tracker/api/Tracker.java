package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.AccessTokens;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.TlsListener;
import org.fleettracker.broker.api.TokenSecretFile;
import org.fleettracker.protocol.api.OwnTracksTopics;
import org.fleettracker.protocol.api.TrustStores;
import org.fleettracker.tracker.internal.cluster.VehicleTurns;
import org.fleettracker.tracker.internal.dispatch.CommandService;
import org.fleettracker.tracker.internal.dispatch.JobService;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.fleet.VehicleLimits;
import org.fleettracker.tracker.internal.geofence.Geofence;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.geofence.GeofenceStore;
import org.fleettracker.tracker.internal.geofence.GeofencesFile;
import org.fleettracker.tracker.internal.geofence.InvalidGeofencesFileException;
import org.fleettracker.tracker.internal.http.ApiServer;
import org.fleettracker.tracker.internal.http.ApiServices;
import org.fleettracker.tracker.internal.http.HealthCheck;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.IngestLoop;
import org.fleettracker.tracker.internal.ingest.IngestPipeline;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.mqtt.DeliveryWatchdog;
import org.fleettracker.tracker.internal.mqtt.TrackerMqttClient;
import org.fleettracker.tracker.internal.owntracks.InvalidOwnTracksFileException;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A running tracker service: MQTT ingest into H2, vehicle state, and the HTTP API.
 *
 * <p>Start one with {@link #start(TrackerSettings)} and stop it with {@link #close()}. Thread-safe.
 */
public final class Tracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tracker.class);

    private final @Nullable EmbeddedBroker broker;
    private final Database database;
    private final IngestLoop ingest;
    private final TrackerMqttClient mqtt;
    private final ApiServer http;
    private final CommandService commands;
    private final TrackerMetrics metrics;
    private final @Nullable ScheduledExecutorService watchdog;
    private final String httpHost;
    private boolean closed;

    private Tracker(Parts parts) {
        this.broker = parts.broker;
        this.database = require(parts.database);
        this.ingest = require(parts.ingest);
        this.mqtt = require(parts.mqtt);
        this.http = require(parts.http);
        this.watchdog = parts.watchdog;
        this.commands = require(parts.commands);
        this.metrics = require(parts.metrics);
        this.httpHost = parts.httpHost;
    }

    /**
     * Starts the embedded broker (unless {@link TrackerSettings#brokerUrl()} is set), opens and migrates the
     * database, loads the vehicle states, subscribes, and starts the HTTP API. Returns when all of them are up.
     *
     * @throws IllegalStateException or {@link UncheckedIOException} when a part fails to start; the parts already
     *     started are stopped again
     */
    public static Tracker start(TrackerSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Starts a tracker whose fleet rules and state changes take the current time from {@code clock}, so a test can
     * move time forward; fix and received times still come from the messages and the system clock.
     */
    public static Tracker start(TrackerSettings settings, Clock clock) {
        Parts parts = new Parts();
        try {
            startParts(settings, parts, clock);
            return new Tracker(parts);
        } catch (RuntimeException e) {
            parts.closeStarted();
            throw e;
        }
    }

    /** Returns the URI of the MQTT broker the tracker is connected to, such as {@code tcp://127.0.0.1:1883}. */
    public String mqttServerUri() {
        return mqtt.serverUri();
    }

    /** Returns the URI of the embedded broker's TLS listener, such as {@code ssl://127.0.0.1:8883}, or null. */
    public @Nullable String mqttTlsServerUri() {
        return broker != null && broker.hasTlsListener() ? broker.tlsServerUri() : null;
    }

    public int httpPort() {
        return http.port();
    }

    /** Returns the base URI of the HTTP API without a trailing slash, such as {@code http://127.0.0.1:8080}. */
    public URI httpBaseUri() {
        return URI.create("http://" + httpHost + ":" + http.port());
    }

    /**
     * Stops the tracker: stops taking new messages, commits and acknowledges the open batch, disconnects, stops
     * the HTTP API, closes the database and stops the embedded broker. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Tracker stopping");
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        mqtt.stopAccepting();
        commands.close();
        ingest.close();
        mqtt.close();
        http.close();
        database.close();
        if (broker != null) {
            broker.close();
        }
        metrics.close();
        log.info("Tracker stopped");
    }

    private static void startParts(TrackerSettings settings, Parts parts, Clock clock) {
        createDataDir(settings);
        String serverUri = settings.brokerUrl();
        SSLContext sslContext = externalBrokerTlsContext(settings);
        if (serverUri == null) {
            parts.security = new FleetSecurityExtension(
                    settings.usersFile().toAbsolutePath(), settings.brokerSecurity(), accessTokens(settings));
            parts.broker = startBroker(settings, parts.security);
            serverUri = parts.broker.serverUri();
            sslContext = ownBrokerTlsContext(settings);
        }
        String dbUrl = settings.dbUrl();
        parts.database = dbUrl != null
                ? Database.open(dbUrl, settings.dbUser(), settings.dbPassword())
                : Database.open(settings.dataDir());
        VehicleStates states = loadStates(parts.database);
        GeofenceRegistry geofences = loadGeofences(settings, parts.database, clock);
        TrackerMetrics metrics = new TrackerMetrics(states::size);
        parts.metrics = metrics;
        metrics.bindProcess();
        if (parts.broker != null) {
            metrics.bindBroker(parts.broker.metricRegistry());
        }
        // Adding must never block, because Paho's callback thread adds to it and also runs the publish completions.
        // NOTE: unbounded. QoS 1 messages stay unacknowledged until committed, so the broker's in-flight window
        // bounds them, but QoS 0 telemetry from a vehicle is not bounded.
        BlockingQueue<InboundMessage> inbound = new LinkedBlockingQueue<>();
        metrics.bindIngestQueue(inbound, ingestQueueBound(settings, parts.broker != null));
        parts.mqtt = new TrackerMqttClient(
                settings, serverUri, sslContext, message -> submit(inbound, metrics, message), metrics);
        bindMqttMeters(metrics, parts.mqtt);
        VehicleLimits vehicleLimits = new VehicleLimits();
        JobRule jobRule = new JobRule();
        parts.commands = new CommandService(parts.database, parts.mqtt, parts.mqtt, jobRule, clock);
        var pipeline = new IngestPipeline(
                parts.database,
                states,
                parts.mqtt,
                metrics,
                settings.ingest(),
                ownTracksMapping(settings),
                FleetRules.standard(settings.fleet(), states, vehicleLimits, geofences, jobRule),
                parts.commands,
                clock,
                vehicleTurns(settings));
        parts.ingest = new IngestLoop(inbound, pipeline, settings, metrics);
        parts.ingest.start();
        parts.mqtt.connectAndSubscribe();
        if (parts.broker != null) {
            parts.watchdog = startDeliveryWatchdog(settings, parts.broker, parts.mqtt, parts.ingest, metrics);
        }
        parts.commands.start();
        parts.http = ApiServer.start(new ApiServices(
                settings,
                states,
                parts.database,
                metrics,
                healthCheck(parts),
                parts.security,
                geofences,
                vehicleLimits,
                parts.mqtt,
                parts.commands,
                new JobService(parts.database, parts.commands, jobRule, clock),
                clock));
        parts.httpHost = "0.0.0.0".equals(settings.bindAddress()) ? "127.0.0.1" : settings.bindAddress();
    }

    /** Returns how this tracker takes turns per vehicle with other instances on its database (docs/cluster.md). */
    private static VehicleTurns vehicleTurns(TrackerSettings settings) {
        if (!settings.clusterEnabled()) {
            return VehicleTurns.single();
        }
        String instanceId = UUID.randomUUID().toString();
        log.info(
                "Cluster mode: tracker instance {} takes turns per vehicle with the other instances on its database",
                instanceId);
        return VehicleTurns.cluster(instanceId, settings.cluster().tickLease());
    }

    /**
     * Returns the most QoS 1 messages the broker sends the tracker before it acknowledges some: the receive maximum,
     * which the embedded broker caps further at its in-flight window.
     */
    private static int ingestQueueBound(TrackerSettings settings, boolean embeddedBroker) {
        return embeddedBroker
                ? Math.min(settings.mqttReceiveMaximum(), EmbeddedBroker.DEFAULT_MAX_INFLIGHT_WINDOW)
                : settings.mqttReceiveMaximum();
    }

    private static void bindMqttMeters(TrackerMetrics metrics, TrackerMqttClient mqtt) {
        metrics.mqtt()
                .bindClient(
                        mqtt::isConnected,
                        mqtt::isSubscribed,
                        mqtt::publishesSent,
                        mqtt::messagesReceived,
                        mqtt::publishesInFlight,
                        mqtt::publishWindow);
    }

    /** Checks the embedded broker's delivery to the tracker; see {@link DeliveryWatchdog}. */
    private static ScheduledExecutorService startDeliveryWatchdog(
            TrackerSettings settings,
            EmbeddedBroker broker,
            TrackerMqttClient mqtt,
            IngestLoop ingest,
            TrackerMetrics metrics) {
        // TODO: with an external broker (brokerUrl) the tracker cannot see the broker's counters, so no check runs.
        DeliveryWatchdog watchdog = new DeliveryWatchdog(
                broker::incomingPublishCount,
                mqtt::publishesSent,
                mqtt::messagesReceived,
                ingest::commitsFailing,
                mqtt::reconnect,
                2);
        metrics.mqtt().bindWatchdog(watchdog::reconnects);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "delivery-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long periodMs = settings.deliveryCheckMs();
        executor.scheduleAtFixedRate(watchdog::check, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return executor;
    }

    /**
     * Loads the OwnTracks mapping file; {@link Main} checked it already, so a fault here means it changed since.
     *
     * @throws IllegalStateException when the file is invalid
     */
    private static OwnTracksMapping ownTracksMapping(TrackerSettings settings) {
        try {
            OwnTracksMapping mapping = OwnTracksMapping.load(settings.owntracksFile());
            log.info("OwnTracks: {} devices mapped from {}", mapping.size(), settings.owntracksFile());
            return mapping;
        } catch (InvalidOwnTracksFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Stores the geofences of the geofences file, replacing stored ones with the same ids and deleting file geofences
     * that left the file, and returns a registry of every stored geofence. {@link Main} checked the file already, so
     * a fault here means it changed since.
     *
     * @throws IllegalStateException when the file is invalid or the database fails
     */
    private static GeofenceRegistry loadGeofences(TrackerSettings settings, Database database, Clock clock) {
        List<Geofence> fromFile;
        try {
            fromFile = GeofencesFile.load(settings.geofencesFile());
        } catch (InvalidGeofencesFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        GeofenceRegistry registry = new GeofenceRegistry();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            new GeofenceStore().replaceFileGeofences(connection, fromFile, clock.instant());
            connection.commit();
            registry.load(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the geofences failed: " + e.getMessage(), e);
        }
        log.info(
                "Geofences: {} from {}, {} in force",
                fromFile.size(),
                settings.geofencesFile(),
                registry.snapshot().size());
        return registry;
    }

    private static void submit(BlockingQueue<InboundMessage> inbound, TrackerMetrics metrics, InboundMessage message) {
        if (message.topic().startsWith(OwnTracksTopics.ROOT + "/")) {
            metrics.ownTracksReceived();
        } else if (message.topic().endsWith("/presence")) {
            metrics.presenceReceived();
        } else if (message.topic().endsWith("/command-acks")) {
            // TODO: count command acks in their own metric; they are not telemetry.
            log.trace("Command ack received on {}", message.topic());
        } else {
            metrics.telemetryReceived();
        }
        inbound.add(message);
    }

    private static void createDataDir(TrackerSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + settings.dataDir(), e);
        }
    }

    /**
     * Loads the secret that signs access tokens: the configured file, or {@code <dataDir>/token-secret}, which is
     * created on first start.
     *
     * @throws UncheckedIOException when the secret cannot be read or created, or is invalid
     */
    private static AccessTokens accessTokens(TrackerSettings settings) {
        Path configured = settings.tokenSecretFile();
        Path file = configured != null
                ? configured
                : settings.dataDir().resolve(TrackerSettings.DEFAULT_TOKEN_SECRET_FILE_NAME);
        byte[] secret;
        try {
            secret = configured != null ? TokenSecretFile.read(file) : TokenSecretFile.readOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the access token secret: " + e.getMessage(), e);
        }
        return new AccessTokens(secret, Duration.ofSeconds(settings.tokenLifetimeSeconds()));
    }

    /** Returns the TLS settings for an external broker from the configured trust store, or null for the JVM's. */
    private static @Nullable SSLContext externalBrokerTlsContext(TrackerSettings settings) {
        Path trustStore = settings.mqttTrustStore();
        if (trustStore == null) {
            return null;
        }
        String password = settings.mqttTrustStorePassword();
        return TrustStores.clientContext(trustStore, password.isEmpty() ? null : password.toCharArray());
    }

    /**
     * Returns the TLS settings of the tracker's own connection to its embedded broker. While the plain listener is
     * open the tracker connects to it, so this returns null. Otherwise the context trusts the broker's key store.
     */
    private static @Nullable SSLContext ownBrokerTlsContext(TrackerSettings settings) {
        Path keyStore = settings.mqttTlsKeyStore();
        if (settings.mqttPlainEnabled() || keyStore == null) {
            return null;
        }
        return TrustStores.clientContext(
                keyStore, settings.mqttTlsKeyStorePassword().toCharArray());
    }

    private static EmbeddedBroker startBroker(TrackerSettings settings, FleetSecurityExtension security) {
        Path keyStore = settings.mqttTlsKeyStore();
        TlsListener tls = keyStore == null
                ? null
                : TlsListener.pkcs12(settings.mqttTlsPort(), keyStore, settings.mqttTlsKeyStorePassword());
        return EmbeddedBroker.builder()
                .port(settings.mqttPort())
                .plainListener(settings.mqttPlainEnabled())
                .tls(tls)
                .bindAddress(settings.bindAddress())
                .dataDir(settings.dataDir().resolve("broker"))
                .extension(security)
                .build()
                .start(Duration.ofMillis(settings.brokerStartTimeoutMs()));
    }

    private static VehicleStates loadStates(Database database) {
        VehicleStates states = new VehicleStates();
        try (Connection connection = database.connection()) {
            states.load(new PositionStore().findLatestPerVehicle(connection));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Loading the vehicle states from the database failed: " + e.getMessage(), e);
        }
        return states;
    }

    private static HealthCheck healthCheck(Parts parts) {
        Database database = require(parts.database);
        TrackerMqttClient mqtt = require(parts.mqtt);
        IngestLoop ingest = require(parts.ingest);
        return new HealthCheck() {
            @Override
            public boolean brokerUp() {
                // An embedded broker runs in this JVM until close(); an external one is up while the client is.
                return mqtt.isConnected();
            }

            @Override
            public boolean databaseUp() {
                return database.isHealthy();
            }

            @Override
            public boolean subscriptionUp() {
                return mqtt.isSubscribed();
            }

            @Override
            public boolean ingestUp() {
                return ingest.isRunning();
            }
        };
    }

    private static <T> T require(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException("tracker part was not started");
        }
        return part;
    }

    /** The parts started so far, so a failed start can stop them in reverse order. */
    private static final class Parts {
        @Nullable
        FleetSecurityExtension security;

        @Nullable
        EmbeddedBroker broker;

        @Nullable
        Database database;

        @Nullable
        IngestLoop ingest;

        @Nullable
        TrackerMqttClient mqtt;

        @Nullable
        ApiServer http;

        @Nullable
        ScheduledExecutorService watchdog;

        @Nullable
        CommandService commands;

        @Nullable
        TrackerMetrics metrics;

        String httpHost = "127.0.0.1";

        void closeStarted() {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            Deque<AutoCloseable> started = new ArrayDeque<>();
            for (AutoCloseable part : new AutoCloseable[] {broker, database, metrics, ingest, mqtt, commands, http}) {
                if (part != null) {
                    started.push(part);
                }
            }
            while (!started.isEmpty()) {
                AutoCloseable part = started.pop();
                try {
                    part.close();
                } catch (Exception e) {
                    log.warn(
                            "Stopping {} after a failed start failed: {}",
                            part.getClass().getSimpleName(),
                            e.getMessage());
                }
            }
        }
    }
}
