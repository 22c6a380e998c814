package org.fleettracker.console.internal.mqtt;

import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.TopicAddress;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns state, presence and event messages of the console's fleets into inbox updates.
 *
 * <p>Thread safe. A message that cannot be decoded is logged at debug and counted in the inbox; it never throws,
 * because an exception in Paho's callback would drop the connection.
 */
public final class FleetMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(FleetMessageHandler.class);

    private final Set<String> fleetIds;
    private final FleetInbox inbox;

    public FleetMessageHandler(Collection<String> fleetIds, FleetInbox inbox) {
        this.fleetIds = Set.copyOf(fleetIds);
        this.inbox = inbox;
    }

    public void handle(String topic, byte[] payload, Instant receivedTime) {
        Optional<TopicAddress> parsed = Topics.parse(topic);
        if (parsed.isEmpty()) {
            malformed(topic, payload, "topic is not a fleet topic", receivedTime);
            return;
        }
        TopicAddress address = parsed.get();
        if (!fleetIds.contains(address.fleetId())) {
            // A session kept from a run with other fleets may still hold a few of their messages.
            log.debug("Ignored a message on {}: fleet {} is not one of the console's fleets", topic, address.fleetId());
            return;
        }
        if (address.kind() == TopicKind.EVENTS) {
            handleEvent(topic, payload, receivedTime);
            return;
        }
        if (address.vehicleId() == null) {
            malformed(topic, payload, "topic is not a vehicle topic", receivedTime);
            return;
        }
        String vehicleId = Objects.requireNonNull(address.vehicleId());
        if (payload.length == 0) {
            // TODO: remove the vehicle from the view when its retained state is cleared; the tracker never does yet.
            log.debug("Retained {} of vehicle {} was cleared; keeping what is shown", address.kind(), vehicleId);
            return;
        }
        if (address.kind() == TopicKind.STATE) {
            handleState(topic, address.fleetId(), vehicleId, payload, receivedTime);
        } else if (address.kind() == TopicKind.PRESENCE) {
            handlePresence(topic, address.fleetId(), vehicleId, payload, receivedTime);
        } else {
            malformed(topic, payload, "the console does not subscribe to " + address.kind(), receivedTime);
        }
    }

    private void handleState(String topic, String fleetId, String vehicleId, byte[] payload, Instant receivedTime) {
        VehicleState state;
        try {
            state = Json.decode(payload, VehicleState.class);
        } catch (RuntimeException e) {
            malformed(topic, payload, e.getMessage(), receivedTime);
            return;
        }
        String problem = StateCheck.problem(state, fleetId, vehicleId);
        if (problem != null) {
            malformed(topic, payload, problem, receivedTime);
            return;
        }
        log.trace("State of vehicle {} at fix time {}", vehicleId, state.fixTime());
        inbox.offerState(state, receivedTime);
    }

    private void handleEvent(String topic, byte[] payload, Instant receivedTime) {
        FleetEvent event;
        try {
            event = Json.decode(payload, FleetEvent.class);
        } catch (RuntimeException e) {
            malformed(topic, payload, e.getMessage(), receivedTime);
            return;
        }
        log.trace("Event {} of type {} for vehicle {}", event.eventId(), event.type(), event.vehicleId());
        inbox.offerEvent(event, receivedTime);
    }

    private void handlePresence(String topic, String fleetId, String vehicleId, byte[] payload, Instant receivedTime) {
        Optional<Presence> presence = Presence.parse(payload);
        if (presence.isEmpty()) {
            malformed(topic, payload, "presence must be 'online' or 'offline'", receivedTime);
            return;
        }
        inbox.offerPresence(fleetId, vehicleId, presence.get(), receivedTime);
    }

    private void malformed(String topic, byte[] payload, String reason, Instant receivedTime) {
        inbox.countMalformed(receivedTime);
        log.debug("Ignored a malformed message on {} ({} bytes): {}", topic, payload.length, reason);
    }
}
