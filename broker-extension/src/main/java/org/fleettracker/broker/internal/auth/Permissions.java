package org.fleettracker.broker.internal.auth;

import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.protocol.api.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * What one connected client may publish and subscribe to, derived from its account and, for a vehicle, its client
 * id. Anything not granted here is denied. Immutable and thread-safe.
 *
 * <ul>
 *   <li>vehicle: publishes {@code fleet/{fleet}/vehicles/{clientId}/telemetry} (not retained) and {@code .../presence}
 *       (retained allowed, also as will message); subscribes to nothing.
 *   <li>tracker: subscribes to {@code $share/trackers/fleet/+/vehicles/+/telemetry} (only shared) and
 *       {@code fleet/+/vehicles/+/presence}; publishes {@code fleet/+/vehicles/+/state} (retained allowed) and
 *       {@code fleet/+/rejects} (not retained).
 *   <li>dispatcher: subscribes to {@code fleet/{fleet}/#} of each of its fleets or any narrower filter.
 *   <li>viewer: subscribes to {@code fleet/{fleet}/vehicles/+/state} of each of its fleets or a single vehicle's state.
 *   <li>admin: everything, shared subscriptions included.
 * </ul>
 */
public final class Permissions {

    private final String description;
    private final boolean admin;
    private final List<PublishGrant> publishGrants;
    private final List<SubscribeGrant> subscribeGrants;

    private Permissions(
            String description, boolean admin, List<PublishGrant> publishGrants, List<SubscribeGrant> subscribeGrants) {
        this.description = description;
        this.admin = admin;
        this.publishGrants = List.copyOf(publishGrants);
        this.subscribeGrants = List.copyOf(subscribeGrants);
    }

    /** Builds the permissions of {@code user} connected with MQTT client id {@code clientId}. */
    public static Permissions of(User user, String clientId) {
        List<PublishGrant> publish = new ArrayList<>();
        List<SubscribeGrant> subscribe = new ArrayList<>();
        switch (user.role()) {
            case VEHICLE -> {
                String fleetId = user.vehicleFleetId();
                publish.add(new PublishGrant(Topics.telemetry(fleetId, clientId), false));
                publish.add(new PublishGrant(Topics.presence(fleetId, clientId), true));
                // TODO: grant the vehicle's command topic once commands are part of the topic contract.
            }
            case TRACKER -> {
                publish.add(new PublishGrant(Topics.ALL_STATE, true));
                publish.add(new PublishGrant(Topics.ROOT + "/+/rejects", false));
                subscribe.add(new SubscribeGrant(Topics.ALL_TELEMETRY, true));
                subscribe.add(new SubscribeGrant(Topics.ALL_PRESENCE, false));
            }
            case DISPATCHER -> {
                // TODO: grant publishing commands to the dispatcher's fleets once commands exist.
                user.fleetIds().forEach(f -> subscribe.add(new SubscribeGrant(Topics.ROOT + "/" + f + "/#", false)));
            }
            case VIEWER -> user.fleetIds().forEach(f -> subscribe.add(new SubscribeGrant(Topics.fleetState(f), false)));
            case ADMIN -> {
                // Admin bypasses the grants below.
            }
        }
        String description =
                "role " + user.role().fileName() + (user.fleetIds().isEmpty() ? "" : " of fleets " + user.fleetIds());
        return new Permissions(description, user.role() == Role.ADMIN, publish, subscribe);
    }

    /** Checks a PUBLISH or will message to {@code topic}. */
    public Decision checkPublish(String topic, boolean retained) {
        if (admin) {
            return Decision.allow();
        }
        for (PublishGrant grant : publishGrants) {
            if (TopicFilters.topicMatches(grant.topicPattern(), topic)) {
                return grant.retainAllowed() || !retained
                        ? Decision.allow()
                        : Decision.deny("Retained messages to '" + topic + "' are not allowed for " + description);
            }
        }
        return Decision.deny("Publishing to '" + topic + "' is not allowed for " + description);
    }

    /** Checks one topic filter of a SUBSCRIBE, which may be a shared subscription {@code $share/<group>/...}. */
    public Decision checkSubscribe(String filter) {
        if (admin) {
            return Decision.allow();
        }
        TopicFilters.SharedFilter shared = TopicFilters.parseShared(filter);
        if (shared != null && !SecurityConfig.TRACKER_SHARE_GROUP.equals(shared.group())) {
            return Decision.deny("Shared subscription '" + filter + "' is not allowed for " + description);
        }
        String plainFilter = shared == null ? filter : shared.filter();
        for (SubscribeGrant grant : subscribeGrants) {
            if (TopicFilters.covers(grant.filterPattern(), plainFilter)) {
                return grant.sharedOnly() == (shared != null)
                        ? Decision.allow()
                        : Decision.deny(shareMismatch(filter, grant));
            }
        }
        return Decision.deny("Subscribing to '" + filter + "' is not allowed for " + description);
    }

    @Override
    public String toString() {
        return description;
    }

    private String shareMismatch(String filter, SubscribeGrant grant) {
        return grant.sharedOnly()
                ? "'" + filter + "' is allowed for " + description + " only as shared subscription $share/"
                        + SecurityConfig.TRACKER_SHARE_GROUP + "/..."
                : "Shared subscription '" + filter + "' is not allowed for " + description;
    }

    /** A topic name pattern the client may publish to. */
    private record PublishGrant(String topicPattern, boolean retainAllowed) {}

    /**
     * A filter pattern whose narrower filters the client may subscribe to.
     *
     * @param sharedOnly true: only as {@code $share/trackers/...}; false: only as a plain subscription
     */
    private record SubscribeGrant(String filterPattern, boolean sharedOnly) {}
}
