package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.cluster.VehicleTurns;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordered stages every batch of inbound messages goes through: decode, validate, ingest rules, persist (with the
 * fleet rules in the same transaction), update state, publish, acknowledge.
 *
 * <p>Nothing leaves the tracker and nothing is acknowledged before the persist stage has committed, so a batch
 * that fails there can be processed again from the start. Used by one thread at a time.
 *
 * <p>When several tracker instances share the database ({@link VehicleTurns#cluster}), the batch transaction first
 * locks the batch's vehicles, and reloads those that another instance changed before validate, the ingest rules and
 * the fleet rules use them (docs/cluster.md).
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final Database database;
    private final FleetLogic fleetLogic;
    private final Clock clock;
    private final VehicleTurns turns;
    private boolean tickFailing;
    private final DecodeStage decode;
    private final ValidateStage validate;
    private final RulesStage rules;
    private final PersistStage persist;
    private final StateStage updateState;
    private final PublishStage publish;
    private final CommandAckHandler commandAcks;
    private final AcknowledgeStage acknowledge;
    private final StaleVehicles staleVehicles;
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
        this(
                database,
                states,
                outbound,
                metrics,
                ingestSettings,
                owntracks,
                fleetLogic,
                commandAcks,
                clock,
                VehicleTurns.single());
    }

    /**
     * Creates a pipeline as above that takes turns per vehicle with other tracker instances through {@code turns};
     * {@link VehicleTurns#single()} when the tracker has the database to itself.
     */
    public IngestPipeline(
            Database database,
            VehicleStates states,
            MqttOutbound outbound,
            TrackerMetrics metrics,
            IngestSettings ingestSettings,
            OwnTracksMapping owntracks,
            FleetLogic fleetLogic,
            CommandAckHandler commandAcks,
            Clock clock,
            VehicleTurns turns) {
        this.database = database;
        this.turns = turns;
        this.fleetLogic = fleetLogic;
        this.clock = clock;
        this.decode = new DecodeStage(new OwnTracksDecode(owntracks, metrics));
        this.validate = new ValidateStage(states);
        this.rules = new RulesStage(database, ingestSettings);
        this.persist =
                new PersistStage(new PositionStore(), new RejectStore(), metrics, fleetLogic, commandAcks, clock);
        this.updateState = new StateStage(states);
        this.publish = new PublishStage(outbound);
        this.acknowledge = new AcknowledgeStage(outbound);
        this.staleVehicles = new StaleVehicles(states, rules, fleetLogic);
        this.latency = new DeliveryLatency(metrics);
        this.commandAcks = commandAcks;
    }

    /**
     * Runs every stage on the batch.
     *
     * @throws SQLException when the commit fails; no state changed, nothing was published or acknowledged
     */
    public void process(List<InboundMessage> batch) throws SQLException {
        List<Decoded> decoded = decode.decodeAll(batch);
        Set<String> vehicleIds = turns.enabled() ? vehiclesOf(decoded) : Set.of();
        List<Decoded> validated;
        PersistStage.Committed committed;
        try (Connection connection = database.connection()) {
            turns.insertMissing(connection, vehicleIds);
            connection.setAutoCommit(false);
            VehicleTurns.Turn turn;
            try {
                turn = turns.lock(connection, vehicleIds);
                staleVehicles.reload(connection, turn);
                validated = rules.check(connection, newerPresence(validate.validate(decoded), turn));
                turn.changed(turn.locked());
            } catch (SQLException | RuntimeException e) {
                PersistStage.rollback(connection);
                fleetLogic.reset();
                throw e;
            }
            committed = persist.persist(connection, validated, tx -> turns.beforeCommit(tx, turn, clock.instant()));
            turns.committed(turn);
        }
        latency.committed(validated, committed.stored(), Instant.now());
        rules.committed(committed.stored());
        updateStateAndPublish(validated, committed);
        announceOnline(validated);
        acknowledge.acknowledge(batch);
    }

    /** Passes the vehicles whose applied presence reports them online to the command flow. */
    private void announceOnline(List<Decoded> validated) {
        Set<String> online = new LinkedHashSet<>();
        for (Decoded decoded : validated) {
            if (decoded instanceof Decoded.PresenceChange presence && presence.online()) {
                online.add(presence.vehicleId());
            }
        }
        if (!online.isEmpty()) {
            commandAcks.vehiclesOnline(online);
        }
    }

    /** Returns the vehicles that the batch's fixes, presence messages and command acks name. */
    private static Set<String> vehiclesOf(List<Decoded> decoded) {
        Set<String> vehicleIds = new LinkedHashSet<>();
        for (Decoded message : decoded) {
            if (message instanceof Decoded.Fix fix) {
                vehicleIds.add(fix.position().vehicleId());
            } else if (message instanceof Decoded.PresenceChange presence) {
                vehicleIds.add(presence.vehicleId());
            } else if (message instanceof Decoded.CommandAckReceived ack) {
                vehicleIds.add(ack.vehicleId());
            }
        }
        return vehicleIds;
    }

    /**
     * Ignores each presence message that is older than the vehicle's latest applied presence, which another instance
     * received later but committed first. A single tracker gets every presence in order and keeps them all.
     */
    private static List<Decoded> newerPresence(List<Decoded> batch, VehicleTurns.Turn turn) {
        List<Decoded> kept = new ArrayList<>(batch.size());
        for (Decoded decoded : batch) {
            if (decoded instanceof Decoded.PresenceChange presence
                    && !turn.acceptPresence(
                            presence.vehicleId(),
                            presence.online(),
                            presence.message().receivedTime())) {
                log.debug(
                        "Ignoring the presence of vehicle {} received at {}: a later one is applied already",
                        presence.vehicleId(),
                        presence.message().receivedTime());
                kept.add(new Decoded.Ignored(decoded.message()));
            } else {
                kept.add(decoded);
            }
        }
        return kept;
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
            // With several instances one runs the ticks, and locks every vehicle so that no batch changes one while
            // the time-based checks decide about it. The lease only saves the others that work: the locks and the
            // reload of changed vehicles alone keep a second tick from raising an event again (docs/cluster.md).
            if (!turns.takeTickLease(connection, now)) {
                return;
            }
            connection.setAutoCommit(false);
            try {
                VehicleTurns.Turn turn = turns.lockAll(connection);
                staleVehicles.reload(connection, turn);
                outcome = fleetLogic.onTick(connection, now);
                turn.changed(outcome.changedVehicles());
                turns.beforeCommit(connection, turn, now);
                connection.commit();
                turns.committed(turn);
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
            publish.publish(latestOnly(changed), List.of(), outcome.events());
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
            Collection<VehicleState> published = latestOnly(changed.values());
            publish.publish(published, validated, committed.outcome().events(), committed.ackRejects());
            latency.statesPublished(validated, committed.stored(), published, Instant.now());
        } catch (RuntimeException e) {
            // The batch is committed: processing it again would store its rejects twice, so acknowledge it anyway.
            log.error("Updating or publishing the state of a committed batch failed", e);
        }
    }

    /**
     * Returns the states whose vehicle no other instance changed since this one committed, so that a retained state
     * does not go back to an older one. A single tracker publishes every state.
     */
    private Collection<VehicleState> latestOnly(Collection<VehicleState> changed) {
        if (!turns.enabled() || changed.isEmpty()) {
            return changed;
        }
        // TODO: another instance may still commit and publish a newer state between this check and the publish, and
        // the broker keeps whichever PUBLISH reaches it last; only the next change of the vehicle corrects that.
        Set<String> latest;
        try (Connection connection = database.connection()) {
            latest = turns.stillLatest(
                    connection, changed.stream().map(VehicleState::vehicleId).toList());
        } catch (SQLException e) {
            log.warn(
                    "Checking the vehicles' versions before publishing {} states failed: {}; not publishing them",
                    changed.size(),
                    e.getMessage());
            return List.of();
        }
        List<VehicleState> kept = new ArrayList<>();
        for (VehicleState state : changed) {
            if (latest.contains(state.vehicleId())) {
                kept.add(state);
            } else {
                log.trace(
                        "Not publishing the state of vehicle {}: another instance changed it since", state.vehicleId());
            }
        }
        return kept;
    }
}
