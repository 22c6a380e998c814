package org.fleettracker.protocol.api;

import java.util.Optional;

/** Builds and parses the topic names of version 1 of the contract. */
public final class Topics {

    /** First level of every topic. */
    public static final String ROOT = "fleet";

    /** Share name that tracker instances use to split telemetry between them. */
    public static final String TRACKER_SHARE_GROUP = "trackers";

    /** Filter for the telemetry of every vehicle of every fleet. */
    public static final String ALL_TELEMETRY = "fleet/+/vehicles/+/telemetry";

    /** Shared subscription on {@link #ALL_TELEMETRY} for the tracker group. */
    public static final String TRACKER_TELEMETRY_SUBSCRIPTION = "$share/" + TRACKER_SHARE_GROUP + "/" + ALL_TELEMETRY;

    /** Filter for the state of every vehicle of every fleet. */
    public static final String ALL_STATE = "fleet/+/vehicles/+/state";

    /** Filter for the presence of every vehicle of every fleet. */
    public static final String ALL_PRESENCE = "fleet/+/vehicles/+/presence";

    /** Shared subscription on {@link #ALL_PRESENCE} for the tracker group, used when several trackers run. */
    public static final String TRACKER_PRESENCE_SUBSCRIPTION = "$share/" + TRACKER_SHARE_GROUP + "/" + ALL_PRESENCE;

    /** Filter for the command acknowledgements of every vehicle of every fleet. */
    public static final String ALL_COMMAND_ACKS = "fleet/+/vehicles/+/command-acks";

    private static final String VEHICLES = "vehicles";

    private Topics() {}

    public static String telemetry(String fleetId, String vehicleId) {
        return vehicleTopic(fleetId, vehicleId, TopicKind.TELEMETRY);
    }

    public static String presence(String fleetId, String vehicleId) {
        return vehicleTopic(fleetId, vehicleId, TopicKind.PRESENCE);
    }

    public static String state(String fleetId, String vehicleId) {
        return vehicleTopic(fleetId, vehicleId, TopicKind.STATE);
    }

    public static String commands(String fleetId, String vehicleId) {
        return vehicleTopic(fleetId, vehicleId, TopicKind.COMMANDS);
    }

    public static String commandAcks(String fleetId, String vehicleId) {
        return vehicleTopic(fleetId, vehicleId, TopicKind.COMMAND_ACKS);
    }

    public static String rejects(String fleetId) {
        return fleetTopic(fleetId, TopicKind.REJECTS);
    }

    public static String events(String fleetId) {
        return fleetTopic(fleetId, TopicKind.EVENTS);
    }

    /** Returns the topic of a fleet-wide kind, or {@link #vehicleFilter} for a per-vehicle kind. */
    public static String fleetTopic(String fleetId, TopicKind kind) {
        if (kind.perVehicle()) {
            throw new IllegalArgumentException(kind + " is a per-vehicle kind");
        }
        return ROOT + "/" + Ids.requireValid("fleet id", fleetId) + "/" + kind.level();
    }

    /** Returns the filter for topics of a per-vehicle kind of every vehicle in one fleet, such as state. */
    public static String vehicleFilter(String fleetId, TopicKind kind) {
        if (!kind.perVehicle()) {
            throw new IllegalArgumentException(kind + " is a fleet-wide kind");
        }
        return ROOT + "/" + Ids.requireValid("fleet id", fleetId) + "/" + VEHICLES + "/+/" + kind.level();
    }

    /** Returns the filter for the state topics of every vehicle in one fleet. */
    public static String fleetState(String fleetId) {
        return vehicleFilter(fleetId, TopicKind.STATE);
    }

    /**
     * Parses a topic name of the contract.
     *
     * @return empty when the topic is not one of the contract's, or an id in it is invalid
     */
    public static Optional<TopicAddress> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 3 || !ROOT.equals(levels[0]) || !Ids.isValid(levels[1])) {
            return Optional.empty();
        }
        if (levels.length == 3) {
            return TopicKind.fromLevel(levels[2])
                    .filter(kind -> !kind.perVehicle())
                    .map(kind -> new TopicAddress(kind, levels[1], null));
        }
        if (levels.length != 5 || !VEHICLES.equals(levels[2]) || !Ids.isValid(levels[3])) {
            return Optional.empty();
        }
        return TopicKind.fromLevel(levels[4])
                .filter(TopicKind::perVehicle)
                .map(kind -> new TopicAddress(kind, levels[1], levels[3]));
    }

    private static String vehicleTopic(String fleetId, String vehicleId, TopicKind kind) {
        return ROOT + "/" + Ids.requireValid("fleet id", fleetId) + "/" + VEHICLES + "/"
                + Ids.requireValid("vehicle id", vehicleId) + "/" + kind.level();
    }
}
