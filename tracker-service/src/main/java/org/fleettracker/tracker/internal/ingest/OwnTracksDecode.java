package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.OwnTracksCodec;
import org.fleettracker.protocol.api.OwnTracksMessage;
import org.fleettracker.protocol.api.OwnTracksTopics;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.MappedVehicle;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.owntracks.TransitionEvents;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The OwnTracks branch of the decode stage: maps the topic's user and device to a vehicle, then turns a location
 * into a fix, a will into presence offline and a transition into a fleet event. Stateless.
 */
final class OwnTracksDecode {

    private static final Logger log = LoggerFactory.getLogger(OwnTracksDecode.class);

    private final OwnTracksMapping mapping;
    private final TrackerMetrics metrics;

    OwnTracksDecode(OwnTracksMapping mapping, TrackerMetrics metrics) {
        this.mapping = mapping;
        this.metrics = metrics;
    }

    /** Returns whether {@code topic} is under the OwnTracks root, so that this class decides it. */
    static boolean handles(String topic) {
        return topic.startsWith(OwnTracksTopics.ROOT + "/");
    }

    /**
     * Decodes one message. A location yields the phone's presence online first, because the app sends no presence of
     * its own, and a phone that sends a location after its will is connected again.
     */
    List<Decoded> decode(InboundMessage message) {
        Optional<OwnTracksTopics.Address> address = OwnTracksTopics.parse(message.topic());
        if (address.isEmpty()) {
            return List.of(
                    reject(message, null, RejectReason.INVALID_TOPIC, "not an OwnTracks location or event topic"));
        }
        OwnTracksTopics.Address from = address.get();
        Optional<MappedVehicle> vehicle = mapping.find(from.user(), from.device());
        if (vehicle.isEmpty()) {
            return List.of(reject(
                    message,
                    null,
                    RejectReason.UNKNOWN_DEVICE,
                    "OwnTracks user '" + from.user() + "' with device '" + from.device() + "' is not in the mapping"));
        }
        return decodePayload(message, from, vehicle.get());
    }

    private List<Decoded> decodePayload(InboundMessage message, OwnTracksTopics.Address from, MappedVehicle target) {
        OwnTracksMessage decoded = OwnTracksCodec.decode(message.payload(), target.vehicleId());
        // TODO: the message type decides, not the topic level, so a location sent on .../event is a fix too.
        if (decoded instanceof OwnTracksMessage.Location location) {
            return List.of(
                    new Decoded.PresenceChange(message, target.fleetId(), target.vehicleId(), true),
                    new Decoded.Fix(
                            message, new StoredPosition(target.fleetId(), location.fix(), message.receivedTime())));
        }
        if (decoded instanceof OwnTracksMessage.Lwt) {
            return List.of(new Decoded.PresenceChange(message, target.fleetId(), target.vehicleId(), false));
        }
        if (decoded instanceof OwnTracksMessage.Transition transition) {
            return List.of(new Decoded.Event(message, target.fleetId(), TransitionEvents.of(from, target, transition)));
        }
        if (decoded instanceof OwnTracksMessage.Other other) {
            return List.of(ignore(message, other.type()));
        }
        OwnTracksMessage.Rejected rejected = (OwnTracksMessage.Rejected) decoded;
        return List.of(reject(message, target, rejected.reason(), rejected.detail()));
    }

    private Decoded ignore(InboundMessage message, String type) {
        metrics.ownTracksIgnored(type);
        log.debug("Ignored an OwnTracks message of _type '{}' on {}", type, message.topic());
        return new Decoded.Ignored(message);
    }

    private static Decoded reject(
            InboundMessage message, @Nullable MappedVehicle vehicle, RejectReason reason, String detail) {
        return vehicle == null
                ? Rejects.of(message, DecodeStage.NO_FLEET, null, reason, detail)
                : Rejects.of(message, vehicle.fleetId(), vehicle.vehicleId(), reason, detail);
    }
}
