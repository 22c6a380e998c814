package org.fleettracker.protocol.api;

import java.util.List;
import java.util.Optional;

/**
 * Topic names of the OwnTracks app in MQTT mode, which the tracker accepts besides the contract's own topics.
 *
 * <p>The app publishes its locations and its will ({@code _type} {@code lwt}) on {@code owntracks/{user}/{device}}
 * and its region enter and leave messages on {@code owntracks/{user}/{device}/event}. Here the user and the device
 * levels must follow the {@link Ids} rules.
 */
public final class OwnTracksTopics {

    /** First level of every OwnTracks topic. */
    public static final String ROOT = "owntracks";

    /** Last level of the topic of region transitions. */
    public static final String EVENT_LEVEL = "event";

    /**
     * Levels the app publishes below its device topic: transitions, its card, waypoints, status, steps, beacons and
     * configuration dumps. The remote-command level {@code cmd} is not one of them: commands go to the phone.
     */
    public static final List<String> APP_LEVELS =
            List.of(EVENT_LEVEL, "info", "waypoint", "waypoints", "status", "step", "beacon", "dump");

    /** Last level of the topic the app reads remote commands from. */
    public static final String COMMAND_LEVEL = "cmd";

    /** Filter for the locations and wills of every device. */
    public static final String ALL_LOCATIONS = ROOT + "/+/+";

    /** Filter for the region transitions of every device. */
    public static final String ALL_EVENTS = ROOT + "/+/+/" + EVENT_LEVEL;

    /** Shared subscription on {@link #ALL_LOCATIONS} for the tracker group. */
    public static final String TRACKER_LOCATIONS_SUBSCRIPTION =
            "$share/" + Topics.TRACKER_SHARE_GROUP + "/" + ALL_LOCATIONS;

    /** Shared subscription on {@link #ALL_EVENTS} for the tracker group. */
    public static final String TRACKER_EVENTS_SUBSCRIPTION = "$share/" + Topics.TRACKER_SHARE_GROUP + "/" + ALL_EVENTS;

    private OwnTracksTopics() {}

    /** Returns the location topic of one device, {@code owntracks/{user}/{device}}. */
    public static String location(String user, String device) {
        return ROOT + "/" + Ids.requireValid("OwnTracks user", user) + "/"
                + Ids.requireValid("OwnTracks device", device);
    }

    /** Returns the transition topic of one device, {@code owntracks/{user}/{device}/event}. */
    public static String event(String user, String device) {
        return location(user, device) + "/" + EVENT_LEVEL;
    }

    /** Returns the filter for the location topics of every device of one user, {@code owntracks/{user}/+}. */
    public static String deviceFilter(String user) {
        return ROOT + "/" + Ids.requireValid("OwnTracks user", user) + "/+";
    }

    /**
     * Parses {@code owntracks/{user}/{device}} or {@code owntracks/{user}/{device}/event}.
     *
     * @return empty for any other topic, or when the user or device level breaks the {@link Ids} rules
     */
    public static Optional<Address> parse(String topic) {
        String[] levels = topic.split("/", -1);
        boolean location = levels.length == 3;
        boolean event = levels.length == 4 && EVENT_LEVEL.equals(levels[3]);
        if (!(location || event) || !ROOT.equals(levels[0]) || !Ids.isValid(levels[1]) || !Ids.isValid(levels[2])) {
            return Optional.empty();
        }
        return Optional.of(new Address(levels[1], levels[2], event));
    }

    /**
     * A parsed OwnTracks topic.
     *
     * @param event true for the {@code .../event} topic of region transitions
     */
    public record Address(String user, String device, boolean event) {

        public Address {
            Ids.requireValid("OwnTracks user", user);
            Ids.requireValid("OwnTracks device", device);
        }
    }
}
