package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;

import java.util.Collection;
import java.util.List;

/**
 * Stage 5: publishes each changed state retained on its state topic, each fleet event (from OwnTracks or the fleet
 * rules) on its fleet's events topic and
 * each reject on its fleet's rejects topic, all at QoS 1. A reject whose fleet id is invalid has no rejects topic; it
 * is only stored.
 */
final class PublishStage {

    private final MqttOutbound outbound;

    PublishStage(MqttOutbound outbound) {
        this.outbound = outbound;
    }

    void publish(Collection<VehicleState> changedStates, List<Decoded> batch, List<RuleOutcome.RaisedEvent> raised) {
        publish(changedStates, batch, raised, List.of());
    }

    /** Publishes as above, and also {@code moreRejects}, such as command acks that the tracker could not apply. */
    void publish(
            Collection<VehicleState> changedStates,
            List<Decoded> batch,
            List<RuleOutcome.RaisedEvent> raised,
            List<Reject> moreRejects) {
        for (VehicleState state : changedStates) {
            outbound.publish(Topics.state(state.fleetId(), state.vehicleId()), Json.encode(state), true);
        }
        for (Decoded decoded : batch) {
            if (decoded instanceof Decoded.Event event) {
                outbound.publish(Topics.events(event.fleetId()), Json.encode(event.event()), false);
            }
            if (decoded instanceof Decoded.Rejected rejected
                    && Ids.isValid(rejected.reject().fleetId())) {
                outbound.publish(Topics.rejects(rejected.reject().fleetId()), Json.encode(rejected.reject()), false);
            }
        }
        for (Reject reject : moreRejects) {
            if (Ids.isValid(reject.fleetId())) {
                outbound.publish(Topics.rejects(reject.fleetId()), Json.encode(reject), false);
            }
        }
        for (RuleOutcome.RaisedEvent event : raised) {
            outbound.publish(Topics.events(event.fleetId()), Json.encode(event.event()), false);
        }
    }
}
