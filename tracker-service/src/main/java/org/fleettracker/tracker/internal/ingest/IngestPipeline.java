package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.RejectStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The ordered stages every batch of inbound messages goes through: decode, validate, ingest rules, persist,
 * update state, publish, acknowledge.
 *
 * <p>Nothing leaves the tracker and nothing is acknowledged before the persist stage has committed, so a batch
 * that fails there can be processed again from the start. Used by one thread at a time.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final DecodeStage decode;
    private final ValidateStage validate;
    private final RulesStage rules;
    private final PersistStage persist;
    private final StateStage updateState;
    private final PublishStage publish;
    private final AcknowledgeStage acknowledge;

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
        this.decode = new DecodeStage(new OwnTracksDecode(owntracks, metrics));
        this.validate = new ValidateStage(states);
        this.rules = new RulesStage(database, ingestSettings);
        this.persist = new PersistStage(database, new PositionStore(), new RejectStore(), metrics);
        this.updateState = new StateStage(states);
        this.publish = new PublishStage(outbound);
        this.acknowledge = new AcknowledgeStage(outbound);
    }

    /**
     * Runs every stage on the batch.
     *
     * @throws SQLException when the commit fails; no state changed, nothing was published or acknowledged
     */
    public void process(List<InboundMessage> batch) throws SQLException {
        List<Decoded> decoded = decode.decodeAll(batch);
        List<Decoded> validated = rules.check(validate.validate(decoded));
        Set<StoredPosition> stored = persist.persist(validated);
        rules.committed(stored);
        updateStateAndPublish(validated, stored);
        acknowledge.acknowledge(batch);
    }

    private void updateStateAndPublish(List<Decoded> validated, Set<StoredPosition> stored) {
        try {
            Collection<VehicleState> changed = updateState.apply(validated, stored);
            publish.publish(changed, validated);
        } catch (RuntimeException e) {
            // The batch is committed: processing it again would store its rejects twice, so acknowledge it anyway.
            log.error("Updating or publishing the state of a committed batch failed", e);
        }
    }
}
