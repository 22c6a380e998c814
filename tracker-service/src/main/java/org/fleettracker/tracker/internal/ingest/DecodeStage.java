package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.DecodeResult;
import org.fleettracker.protocol.api.PayloadCodec;
import org.fleettracker.protocol.api.PayloadResult;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.TopicAddress;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stage 1: parses the topic and decodes the payload of one message. Stateless. */
final class DecodeStage {

    private static final Logger log = LoggerFactory.getLogger(DecodeStage.class);

    /** Fleet id recorded when the topic has no fleet level; not a valid id, so such rejects are not published. */
    static final String NO_FLEET = "(none)";

    private final OwnTracksDecode owntracks;

    DecodeStage(OwnTracksDecode owntracks) {
        this.owntracks = owntracks;
    }

    /** Decodes a batch; an OwnTracks message may yield more than one result, all for the same message. */
    List<Decoded> decodeAll(List<InboundMessage> batch) {
        List<Decoded> decoded = new ArrayList<>(batch.size());
        for (InboundMessage message : batch) {
            if (OwnTracksDecode.handles(message.topic())) {
                decoded.addAll(decodeOwnTracks(message));
            } else {
                decoded.add(decode(message));
            }
        }
        return decoded;
    }

    private List<Decoded> decodeOwnTracks(InboundMessage message) {
        try {
            return owntracks.decode(message);
        } catch (RuntimeException e) {
            log.warn("Decoding an OwnTracks message on {} failed: {}", message.topic(), e.toString());
            return List.of(Rejects.of(
                    message, NO_FLEET, null, RejectReason.MALFORMED_JSON, "decoding failed: " + e.getMessage()));
        }
    }

    Decoded decode(InboundMessage message) {
        try {
            Optional<TopicAddress> address = Topics.parse(message.topic());
            if (address.isEmpty() || address.get().vehicleId() == null) {
                return invalidTopic(message);
            }
            return switch (address.get().kind()) {
                case TELEMETRY -> decodeTelemetry(message, address.get());
                case PRESENCE -> decodePresence(message, address.get());
                case COMMAND_ACKS -> decodeCommandAck(message, address.get());
                case STATE, COMMANDS, EVENTS, REJECTS -> invalidTopic(message);
            };
        } catch (RuntimeException e) {
            // A bug in decoding must not stop the consumer: record the message as rejected and go on.
            log.warn("Decoding a message on {} failed: {}", message.topic(), e.toString());
            return Rejects.of(
                    message,
                    topicLevel(message.topic(), 1).orElse(NO_FLEET),
                    topicLevel(message.topic(), 3).orElse(null),
                    RejectReason.MALFORMED_JSON,
                    "decoding failed: " + e.getMessage());
        }
    }

    private static Decoded decodeTelemetry(InboundMessage message, TopicAddress address) {
        String vehicleId = requireVehicle(address);
        DecodeResult result = TelemetryCodec.decode(message.payload(), vehicleId);
        if (result instanceof DecodeResult.Rejected rejected) {
            return Rejects.of(message, address.fleetId(), vehicleId, rejected.reason(), rejected.detail());
        }
        var fix = ((DecodeResult.Accepted) result).telemetry();
        return new Decoded.Fix(message, new StoredPosition(address.fleetId(), fix, message.receivedTime()));
    }

    private static Decoded decodeCommandAck(InboundMessage message, TopicAddress address) {
        String vehicleId = requireVehicle(address);
        PayloadResult<CommandAck> result = PayloadCodec.decode(message.payload(), CommandAck.class);
        if (result instanceof PayloadResult.Rejected<CommandAck> rejected) {
            return Rejects.of(message, address.fleetId(), vehicleId, rejected.reason(), rejected.detail());
        }
        CommandAck ack = ((PayloadResult.Accepted<CommandAck>) result).value();
        return new Decoded.CommandAckReceived(message, address.fleetId(), vehicleId, ack);
    }

    private static Decoded decodePresence(InboundMessage message, TopicAddress address) {
        String vehicleId = requireVehicle(address);
        if (message.payload().length == 0) {
            return new Decoded.Ignored(message);
        }
        Optional<Presence> presence = Presence.parse(message.payload());
        if (presence.isEmpty()) {
            return Rejects.of(
                    message,
                    address.fleetId(),
                    vehicleId,
                    RejectReason.INVALID_PRESENCE,
                    "presence payload must be 'online' or 'offline'");
        }
        return new Decoded.PresenceChange(message, address.fleetId(), vehicleId, presence.get() == Presence.ONLINE);
    }

    private static String requireVehicle(TopicAddress address) {
        String vehicleId = address.vehicleId();
        if (vehicleId == null) {
            throw new IllegalStateException("topic kind " + address.kind() + " names no vehicle");
        }
        return vehicleId;
    }

    private static Decoded invalidTopic(InboundMessage message) {
        return Rejects.of(
                message,
                topicLevel(message.topic(), 1).orElse(NO_FLEET),
                topicLevel(message.topic(), 3).orElse(null),
                RejectReason.INVALID_TOPIC,
                "topic is not a telemetry, presence or command-acks topic of the contract, or an id in it is invalid");
    }

    /** Returns the topic level at {@code index} (0 is the first), or empty when it is missing or empty. */
    private static Optional<String> topicLevel(String topic, int index) {
        String[] levels = topic.split("/", -1);
        return levels.length > index && !levels[index].isEmpty() ? Optional.of(levels[index]) : Optional.empty();
    }
}
