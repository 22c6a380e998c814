package org.fleettracker.tracker.testing;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.cluster.VehicleTurns;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.fleet.VehicleLimits;
import org.fleettracker.tracker.internal.geofence.Geofence;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.geofence.GeofenceSource;
import org.fleettracker.tracker.internal.geofence.GeofenceStore;
import org.fleettracker.tracker.internal.ingest.CommandAckHandler;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.IngestPipeline;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Two or more tracker instances in cluster mode, each with its own database pool, states, fleet rules and ingest
 * pipeline, on one H2 file, with one clock the test moves. Records what every instance publishes, in one list in
 * publish order, as the broker would see it. Each instance is used by one thread at a time.
 */
public final class ClusterScenario implements AutoCloseable {

    /** Fleet of every vehicle in a scenario. */
    public static final String FLEET = "demo";

    private final FleetSettings settings;
    private final MutableClock clock;
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final AtomicInteger messageIds = new AtomicInteger();

    /** Something an instance published. */
    public record Published(String instance, String topic, byte[] payload, boolean retained) {}

    /**
     * Opens {@code count} instances named a, b, c... on the database in {@code dataDir}, which first gets
     * {@code geofences}.
     */
    public ClusterScenario(Path dataDir, FleetSettings settings, Instant start, int count, List<Geofence> geofences)
            throws SQLException {
        this(() -> Database.open(dataDir), settings, start, count, geofences);
    }

    /**
     * Opens {@code count} instances named a, b, c... each on its own {@link Database} from {@code opener}, all on one
     * database, which first gets {@code geofences}.
     */
    public ClusterScenario(
            Supplier<Database> opener, FleetSettings settings, Instant start, int count, List<Geofence> geofences)
            throws SQLException {
        this.settings = settings;
        this.clock = new MutableClock(start);
        for (int i = 0; i < count; i++) {
            instances.add(new Instance(String.valueOf((char) ('a' + i)), opener.get()));
        }
        try (Connection connection = instances.get(0).database.connection()) {
            for (Geofence geofence : geofences) {
                new GeofenceStore().insert(connection, geofence, GeofenceSource.API, start);
            }
        }
    }

    public Instance instance(int index) {
        return instances.get(index);
    }

    public MutableClock clock() {
        return clock;
    }

    public FleetSettings settings() {
        return settings;
    }

    /**
     * Sends each fix as its own batch to the instances in turn (the first fix to instance 0), received one second
     * after its fix time, and lets every instance tick as time passes, as a shared subscription would split them.
     */
    public void alternate(List<Telemetry> fixes) throws SQLException {
        for (int i = 0; i < fixes.size(); i++) {
            Telemetry fix = fixes.get(i);
            advanceTo(fix.fixTime().plusSeconds(1));
            instances.get(i % instances.size()).send(List.of(fix));
        }
    }

    /** Moves the clock to {@code time} in steps of at most 10 s, letting every instance tick after each step. */
    public void advanceTo(Instant time) {
        Duration step = Duration.ofSeconds(10);
        while (clock.instant().plus(step).isBefore(time)) {
            clock.advance(step);
            tickAll();
        }
        if (clock.instant().isBefore(time)) {
            clock.set(time);
            tickAll();
        }
    }

    /** Moves the clock forward by {@code duration}, ticking on the way. */
    public void advance(Duration duration) {
        advanceTo(clock.instant().plus(duration));
    }

    private void tickAll() {
        instances.forEach(Instance::tick);
    }

    /** Returns everything published so far, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** Returns the events of one type that any instance published, in order. */
    public List<FleetEvent> events(String type) {
        return decodeAll(TopicKind.EVENTS, FleetEvent.class).stream()
                .filter(event -> event.type().equals(type))
                .toList();
    }

    /** Returns the vehicle's states that any instance published, in publish order. */
    public List<VehicleState> publishedStates(String vehicleId) {
        return decodeAll(TopicKind.STATE, VehicleState.class).stream()
                .filter(state -> state.vehicleId().equals(vehicleId))
                .toList();
    }

    /** Returns how many events of {@code type} the database stores. */
    public long storedEvents(String type) throws SQLException {
        return count("SELECT COUNT(*) FROM events WHERE type = ?", type);
    }

    /** Runs a query that returns one number, with one string parameter. */
    public long count(String sql, String parameter) throws SQLException {
        try (Connection connection = instances.get(0).database.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        instances.forEach(instance -> instance.database.close());
    }

    private <T> List<T> decodeAll(TopicKind kind, Class<T> type) {
        List<T> decoded = new ArrayList<>();
        for (Published message : published) {
            var address = Topics.parse(message.topic());
            if (address.isPresent() && address.get().kind() == kind) {
                decoded.add(Json.decode(message.payload(), type));
            }
        }
        return decoded;
    }

    /** One tracker instance. */
    public final class Instance implements MqttOutbound {

        private final String name;
        private final Database database;
        private final VehicleStates states = new VehicleStates();
        private final IngestPipeline pipeline;
        private final List<InboundMessage> acknowledged = new CopyOnWriteArrayList<>();

        private Instance(String name, Database database) {
            this.name = name;
            this.database = database;
            this.pipeline = new IngestPipeline(
                    database,
                    states,
                    this,
                    new TrackerMetrics(states::size),
                    IngestSettings.defaults(),
                    OwnTracksMapping.empty(),
                    FleetRules.standard(settings, states, new VehicleLimits(), new GeofenceRegistry(), new JobRule()),
                    CommandAckHandler.NONE,
                    clock,
                    VehicleTurns.cluster(name, Duration.ofSeconds(15)));
        }

        public String name() {
            return name;
        }

        public VehicleStates states() {
            return states;
        }

        public Database database() {
            return database;
        }

        /** Sends the fixes as one batch, received now. */
        public void send(List<Telemetry> fixes) throws SQLException {
            List<InboundMessage> batch = new ArrayList<>();
            for (Telemetry fix : fixes) {
                batch.add(message(Topics.telemetry(FLEET, fix.vehicleId()), TelemetryCodec.encode(fix)));
            }
            process(batch);
        }

        /** Sends a presence message of the vehicle, received at {@code receivedTime}. */
        public void presence(String vehicleId, boolean online, Instant receivedTime) throws SQLException {
            Presence presence = online ? Presence.ONLINE : Presence.OFFLINE;
            messageIds.incrementAndGet();
            process(List.of(new InboundMessage(
                    Topics.presence(FLEET, vehicleId), presence.payload(), messageIds.get(), 1, 1, receivedTime)));
        }

        /** Processes one batch, as the ingest loop does. */
        public void process(List<InboundMessage> batch) throws SQLException {
            pipeline.process(batch);
        }

        /** Runs the fleet rules' tick now, if this instance holds the tick lease. */
        public void tick() {
            pipeline.tick();
        }

        /** Returns how many messages this instance acknowledged. */
        public int acknowledged() {
            return acknowledged.size();
        }

        /** Returns a new telemetry message of the fix, received now. */
        public InboundMessage message(String topic, byte[] payload) {
            return new InboundMessage(topic, payload, messageIds.incrementAndGet(), 1, 1, clock.instant());
        }

        @Override
        public void publish(String topic, byte[] payload, boolean retained) {
            published.add(new Published(name, topic, payload, retained));
        }

        @Override
        public void acknowledge(InboundMessage message) {
            acknowledged.add(message);
        }
    }
}
