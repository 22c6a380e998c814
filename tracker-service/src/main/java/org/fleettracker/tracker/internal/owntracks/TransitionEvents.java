package org.fleettracker.tracker.internal.owntracks;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.OwnTracksMessage;
import org.fleettracker.protocol.api.OwnTracksTopics;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Turns an OwnTracks region transition into the fleet event that the tracker publishes. */
public final class TransitionEvents {

    /** Event type of a phone that entered one of its regions. */
    public static final String ENTERED = "geofence-entered";

    /** Event type of a phone that left one of its regions. */
    public static final String LEFT = "geofence-left";

    /** Value of the {@code source} attribute. */
    public static final String SOURCE = "owntracks";

    /** Maximum length of an attribute value of a {@link FleetEvent}, in characters. */
    private static final int MAX_VALUE_CHARS = 256;

    private TransitionEvents() {}

    /**
     * Builds the event. Its id derives from the device, the time, the direction and the region, so a transition
     * that the broker delivers twice yields the same event id, and readers can drop the repeat.
     */
    public static FleetEvent of(
            OwnTracksTopics.Address from, MappedVehicle vehicle, OwnTracksMessage.Transition transition) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("source", SOURCE);
        attributes.put("owntracksUser", from.user());
        attributes.put("owntracksDevice", from.device());
        putIfPresent(attributes, "region", transition.regionName());
        putIfPresent(attributes, "regionId", transition.regionId());
        putIfPresent(attributes, "trigger", transition.trigger());
        putIfPresent(attributes, "latitudeDeg", transition.latitudeDeg());
        putIfPresent(attributes, "longitudeDeg", transition.longitudeDeg());
        putIfPresent(attributes, "accuracyM", transition.accuracyM());
        String type = transition.entered() ? ENTERED : LEFT;
        String key = from.user() + "/" + from.device() + "/" + transition.time().getEpochSecond() + "/" + type + "/"
                + transition.regionId() + "/" + transition.regionName();
        String eventId = "ot-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        return new FleetEvent(eventId, type, vehicle.vehicleId(), transition.time(), attributes);
    }

    private static void putIfPresent(Map<String, String> attributes, String key, @Nullable Object value) {
        if (value != null) {
            String text = value.toString();
            int end = Math.min(text.length(), MAX_VALUE_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            attributes.put(key, text.substring(0, end));
        }
    }
}
