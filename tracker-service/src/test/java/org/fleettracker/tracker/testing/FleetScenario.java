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
import org.fleettracker.tracker.internal.fleet.FleetLogic;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.IngestPipeline;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * Replays tracks through the real ingest pipeline and fleet rules on an H2 file, with a clock the test moves, and
 * records what the tracker would publish. Each fix is received one second after its fix time unless the test sets
 * the clock itself. Used by one test thread.
 */
public final class FleetScenario implements AutoCloseable {

    /** Fleet of every vehicle in a scenario. */
    public static final String FLEET = "demo";

    private final Path dataDir;
    private final FleetSettings settings;
    private final BiFunction<FleetSettings, VehicleStates, FleetLogic> rules;
    private final MutableClock clock;
    private final Recorder recorder = new Recorder();
    private Database database;
    private VehicleStates states;
    private IngestPipeline pipeline;
    private int messageId;

    /**
     * Opens the database in {@code dataDir} and builds a pipeline with the rules that {@code rules} creates.
     *
     * @param start the clock's first time
     */
    public FleetScenario(
            Path dataDir,
            FleetSettings settings,
            Instant start,
            BiFunction<FleetSettings, VehicleStates, FleetLogic> rules) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.rules = rules;
        this.clock = new MutableClock(start);
        open();
    }

    private void open() {
        database = Database.open(dataDir);
        states = new VehicleStates();
        try (var connection = database.connection()) {
            states.load(new PositionStore().findLatestPerVehicle(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the states failed: " + e.getMessage(), e);
        }
        pipeline = new IngestPipeline(
                database,
                states,
                recorder,
                new TrackerMetrics(states::size),
                IngestSettings.defaults(),
                OwnTracksMapping.empty(),
                rules.apply(settings, states),
                clock);
    }

    /** Closes the database and opens it again with new states and rules, as a tracker restart would. */
    public void restart() {
        database.close();
        open();
    }

    public MutableClock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public VehicleStates states() {
        return states;
    }

    /** Sends each fix as its own batch, received one second after its fix time, running ticks as time passes. */
    public void drive(List<Telemetry> fixes) throws SQLException {
        for (Telemetry fix : fixes) {
            Instant received = fix.fixTime().plusSeconds(1);
            advanceTo(received);
            process(List.of(message(Topics.telemetry(FLEET, fix.vehicleId()), TelemetryCodec.encode(fix))));
        }
    }

    /** Sends the fixes as one batch, received now, without moving the clock; for late and buffered fixes. */
    public void sendBatch(List<Telemetry> fixes) throws SQLException {
        List<InboundMessage> batch = new ArrayList<>();
        for (Telemetry fix : fixes) {
            batch.add(message(Topics.telemetry(FLEET, fix.vehicleId()), TelemetryCodec.encode(fix)));
        }
        process(batch);
    }

    /** Sends a presence message of the vehicle, received now. */
    public void presence(String vehicleId, boolean online) throws SQLException {
        Presence presence = online ? Presence.ONLINE : Presence.OFFLINE;
        process(List.of(message(Topics.presence(FLEET, vehicleId), presence.payload())));
    }

    /** Moves the clock forward to {@code time}, running a tick at every tick interval on the way and at the end. */
    public void advanceTo(Instant time) {
        Duration step = settings.tickInterval().compareTo(Duration.ofSeconds(10)) < 0
                ? Duration.ofSeconds(10)
                : settings.tickInterval();
        while (clock.instant().plus(step).isBefore(time)) {
            clock.advance(step);
            pipeline.tick();
        }
        if (clock.instant().isBefore(time)) {
            clock.set(time);
            pipeline.tick();
        }
    }

    /** Moves the clock forward by {@code duration}, ticking on the way. */
    public void advance(Duration duration) {
        advanceTo(clock.instant().plus(duration));
    }

    /** Returns every event published so far, in order. */
    public List<FleetEvent> events() {
        return recorder.events();
    }

    /** Returns the events of one type published so far, in order. */
    public List<FleetEvent> events(String type) {
        return events().stream().filter(event -> event.type().equals(type)).toList();
    }

    /** Returns every state of the vehicle published so far, in order. */
    public List<VehicleState> publishedStates(String vehicleId) {
        return recorder.states().stream()
                .filter(state -> state.vehicleId().equals(vehicleId))
                .toList();
    }

    /** Returns how many messages were acknowledged; every processed message must be. */
    public int acknowledged() {
        return recorder.acknowledged.size();
    }

    @Override
    public void close() {
        database.close();
    }

    private void process(List<InboundMessage> batch) throws SQLException {
        pipeline.process(batch);
    }

    private InboundMessage message(String topic, byte[] payload) {
        messageId++;
        return new InboundMessage(topic, payload, messageId, 1, 1, clock.instant());
    }

    /** Records what the pipeline publishes and acknowledges instead of sending it. */
    private static final class Recorder implements MqttOutbound {
        private final List<String> topics = new CopyOnWriteArrayList<>();
        private final List<byte[]> payloads = new CopyOnWriteArrayList<>();
        private final List<InboundMessage> acknowledged = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String topic, byte[] payload, boolean retained) {
            topics.add(topic);
            payloads.add(payload);
        }

        @Override
        public void acknowledge(InboundMessage message) {
            acknowledged.add(message);
        }

        List<FleetEvent> events() {
            return decodeAll(TopicKind.EVENTS, FleetEvent.class);
        }

        List<VehicleState> states() {
            return decodeAll(TopicKind.STATE, VehicleState.class);
        }

        private <T> List<T> decodeAll(TopicKind kind, Class<T> type) {
            List<T> decoded = new ArrayList<>();
            for (int i = 0; i < topics.size(); i++) {
                var address = Topics.parse(topics.get(i));
                if (address.isPresent() && address.get().kind() == kind) {
                    decoded.add(Json.decode(payloads.get(i), type));
                }
            }
            return decoded;
        }
    }
}
