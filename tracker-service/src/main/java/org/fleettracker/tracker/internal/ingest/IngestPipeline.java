package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.fleet.FleetLogic;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.RejectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered stages every batch of inbound messages goes through: decode, validate, ingest rules, persist (with the
 * fleet rules in the same transaction), update state, publish, acknowledge.
 *
 * <p>Nothing leaves the tracker and nothing is acknowledged before the persist stage has committed, so a batch
 * that fails there can be processed again from the start. Used by one thread at a time.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final Database database;
    private final FleetLogic fleetLogic;
    private final Clock clock;
    private boolean tickFailing;
    private final DecodeStage decode;
    private final ValidateStage validate;
    private final RulesStage rules;
    private final PersistStage persist;
    private final StateStage updateState;
    private final PublishStage publish;
    private final AcknowledgeStage acknowledge;
    private final DeliveryLatency latency;

    public IngestPipeline(Database database, VehicleStates states, MqttOutbound outbound, TrackerMetrics metrics) {
        this(database, states, outbound, metrics, IngestSettings.defaults(), OwnTracksMapping.empty());
    }

    public IngestPipeline(
            Database database,
            VehicleStates states,
            MqttOutbound outbound,
            TrackerMetrics metrics,
            IngestSettings ingestSettings) {
        this(database, states, outbound, metrics, ingestSettings, OwnTracksMapping.empty());
    }

    public IngestPipeline(
            Database database,
            VehicleStates states,
            MqttOutbound outbound,
            TrackerMetrics metrics,
            OwnTracksMapping owntracks) {
        this(database, states, outbound, metrics, IngestSettings.defaults(), owntracks);
    }

    /** Creates a pipeline with the given ingest limits that also takes OwnTracks messages of {@code owntracks}. */
    public IngestPipeline(
            Database database,
            VehicleStates states,
            MqttOutbound outbound,
            TrackerMetrics metrics,
            IngestSettings ingestSettings,
            OwnTracksMapping owntracks) {
        this(
                database,
                states,
                outbound,
                metrics,
                ingestSettings,
                owntracks,
                FleetLogic.none(states),
                Clock.systemUTC());
    }

    /**
     * Creates a pipeline that also runs the fleet rules of {@code fleetLogic} on every batch and tick, with
     * {@code clock} as the current time of the rules and of state changes.
     */
    public IngestPipeline(
            Database database,
            VehicleStates states,
            MqttOutbound outbound,
            TrackerMetrics metrics,
            IngestSettings ingestSettings,
            OwnTracksMapping owntracks,
            FleetLogic fleetLogic,
            Clock clock) {
        this(database, states, outbound, metrics, ingestSettings, owntracks, fleetLogic, CommandAckHandler.NONE, clock);
    }

    /** Creates a pipeline as above that also applies the command acks of each batch with {@code commandAcks}. */
    public IngestPipeline(
            Database database,
            VehicleStates states,
            MqttOutbound outbound,
            TrackerMetrics metrics,
            IngestSettings ingestSettings,
            OwnTracksMapping owntracks,
            FleetLogic fleetLogic,
            CommandAckHandler commandAcks,
            Clock clock) {
        this.database = database;
        this.fleetLogic = fleetLogic;
        this.clock = clock;
        this.decode = new DecodeStage(new OwnTracksDecode(owntracks, metrics));
        this.validate = new ValidateStage(states);
        this.rules = new RulesStage(database, ingestSettings);
        this.persist = new PersistStage(
                database, new PositionStore(), new RejectStore(), metrics, fleetLogic, commandAcks, clock);
        this.updateState = new StateStage(states);
        this.publish = new PublishStage(outbound);
        this.acknowledge = new AcknowledgeStage(outbound);
        this.latency = new DeliveryLatency(metrics);
    }

    /**
     * Runs every stage on the batch.
     *
     * @throws SQLException when the commit fails; no state changed, nothing was published or acknowledged
     */
    public void process(List<InboundMessage> batch) throws SQLException {
        List<Decoded> decoded = decode.decodeAll(batch);
        List<Decoded> validated = rules.check(validate.validate(decoded));
        PersistStage.Committed committed = persist.persist(validated);
        latency.committed(validated, committed.stored(), Instant.now());
        rules.committed(committed.stored());
        updateStateAndPublish(validated, committed);
        acknowledge.acknowledge(batch);
    }

    /**
     * Runs the time-based fleet rules (offline, stale, idle, dwell, job at risk) in their own transaction, then
     * applies and publishes what they produced. A failure resets the rules, and the next tick tries again; the first
     * failure of a streak is logged as a warning and the recovery as info.
     */
    public void tick() {
        Instant now = clock.instant();
        RuleOutcome outcome;
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                outcome = fleetLogic.onTick(connection, now);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                PersistStage.rollback(connection);
                fleetLogic.reset();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            if (!tickFailing) {
                log.warn("The fleet rules' tick at {} failed: {}; retrying every tick", now, e.getMessage());
            }
            log.debug("Tick failure", e);
            tickFailing = true;
            return;
        }
        if (tickFailing) {
            log.info("The fleet rules' tick works again at {}", now);
            tickFailing = false;
        }
        try {
            Collection<VehicleState> changed = updateState.applyChanges(outcome.stateChanges(), now);
            publish.publish(changed, List.of(), outcome.events());
        } catch (RuntimeException e) {
            log.error("Updating or publishing the states of a committed tick failed", e);
        }
    }

    private void updateStateAndPublish(List<Decoded> validated, PersistStage.Committed committed) {
        try {
            Instant now = clock.instant();
            Map<String, VehicleState> changed = new LinkedHashMap<>();
            updateState
                    .apply(validated, committed.stored(), now)
                    .forEach(state -> changed.put(state.vehicleId(), state));
            updateState
                    .applyChanges(committed.outcome().stateChanges(), now)
                    .forEach(state -> changed.put(state.vehicleId(), state));
            publish.publish(changed.values(), validated, committed.outcome().events(), committed.ackRejects());
            latency.statesPublished(validated, committed.stored(), changed.values(), Instant.now());
        } catch (RuntimeException e) {
            // The batch is committed: processing it again would store its rejects twice, so acknowledge it anyway.
            log.error("Updating or publishing the state of a committed batch failed", e);
        }
    }
}
