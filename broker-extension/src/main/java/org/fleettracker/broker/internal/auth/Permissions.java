package org.fleettracker.broker.internal.auth;

import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.protocol.api.OwnTracksTopics;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * The topics one connected client may publish and subscribe to, derived from its account and, for a vehicle, its client
 * id. Anything not granted here is denied. Immutable and thread-safe.
 *
 * <ul>
 *   <li>vehicle: publishes {@code fleet/{fleet}/vehicles/{clientId}/telemetry} and {@code .../command-acks} (not
 *       retained) and {@code .../presence} (retained allowed, also as will message); subscribes only to exactly
 *       {@code .../commands}. A vehicle account with a {@code vehicles} list gets nothing for other client ids.
 *   <li>tracker: subscribes to {@code fleet/+/vehicles/+/telemetry}, {@code fleet/+/vehicles/+/presence},
 *       {@code owntracks/+/+} and {@code owntracks/+/+/event}, plain or shared as {@code $share/trackers/...}, and
 *       to {@code fleet/+/vehicles/+/command-acks}; publishes
 *       {@code fleet/+/vehicles/+/state} (retained allowed), {@code fleet/+/events}, {@code fleet/+/rejects} and
 *       {@code fleet/+/vehicles/+/commands} (not retained).
 *   <li>dispatcher: subscribes to {@code fleet/{fleet}/#} of each of its fleets or any narrower filter; publishes
 *       {@code fleet/{fleet}/vehicles/+/commands} (not retained).
 *   <li>viewer: subscribes, for each of its fleets and each topic kind of its account, to
 *       {@code fleet/{fleet}/vehicles/+/{kind}} or {@code fleet/{fleet}/{kind}}, or a narrower filter.
 *   <li>owntracks: publishes {@code owntracks/{user}/+} (location and will) and {@code owntracks/{user}/+/{level}}
 *       for each of {@link OwnTracksTopics#APP_LEVELS}, retained allowed, where {@code user} is its own user name;
 *       subscribes to {@code owntracks/{user}/#} or a narrower filter, such as its remote commands
 *       {@code owntracks/{user}/+/cmd}. Any valid client id. Other users' topics are denied, in both directions.
 *   <li>gateway: for each of its fleets, publishes {@code fleet/{fleet}/vehicles/+/telemetry} and
 *       {@code .../command-acks} (not retained) and {@code .../presence} (retained allowed, also as will message);
 *       subscribes to {@code fleet/{fleet}/vehicles/+/commands} or a narrower filter. Nothing of other fleets, no
 *       state, events or rejects.
 *   <li>admin: everything, shared subscriptions included.
 * </ul>
 *
 * <p>In the patterns, {@code +} stands for one valid id only, so a topic with an invalid fleet or vehicle id is
 * denied to every role but admin.
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
            case VEHICLE -> grantVehicle(user, clientId, publish, subscribe);
            case TRACKER -> {
                publish.add(new PublishGrant(Topics.ALL_STATE, true));
                publish.add(new PublishGrant(allFleets(TopicKind.EVENTS), false));
                publish.add(new PublishGrant(allFleets(TopicKind.REJECTS), false));
                publish.add(new PublishGrant(allFleets(TopicKind.COMMANDS), false));
                subscribe.add(SubscribeGrant.plainOrShared(Topics.ALL_TELEMETRY));
                subscribe.add(SubscribeGrant.plainOrShared(Topics.ALL_PRESENCE));
                subscribe.add(SubscribeGrant.plain(Topics.ALL_COMMAND_ACKS));
                subscribe.add(SubscribeGrant.plainOrShared(OwnTracksTopics.ALL_LOCATIONS));
                subscribe.add(SubscribeGrant.plainOrShared(OwnTracksTopics.ALL_EVENTS));
            }
            case OWNTRACKS -> grantOwnTracks(user, publish, subscribe);
            case GATEWAY -> grantGateway(user, publish, subscribe);
            case DISPATCHER ->
                user.fleetIds().forEach(fleet -> {
                    publish.add(new PublishGrant(Topics.vehicleFilter(fleet, TopicKind.COMMANDS), false));
                    subscribe.add(SubscribeGrant.plain(Topics.ROOT + "/" + fleet + "/#"));
                });
            case VIEWER ->
                user.fleetIds().forEach(fleet -> user.viewerTopics()
                        .forEach(kind -> subscribe.add(SubscribeGrant.plain(fleetFilter(fleet, kind)))));
            case ADMIN -> {
                // Admin bypasses the grants below.
            }
        }
        return new Permissions(describe(user), user.role() == Role.ADMIN, publish, subscribe);
    }

    private static void grantVehicle(
            User user, String clientId, List<PublishGrant> publish, List<SubscribeGrant> subscribe) {
        if (!user.mayActAsVehicle(clientId)) {
            return;
        }
        String fleetId = user.vehicleFleetId();
        publish.add(new PublishGrant(Topics.telemetry(fleetId, clientId), false));
        publish.add(new PublishGrant(Topics.presence(fleetId, clientId), true));
        publish.add(new PublishGrant(Topics.commandAcks(fleetId, clientId), false));
        subscribe.add(SubscribeGrant.plain(Topics.commands(fleetId, clientId)));
    }

    private static void grantGateway(User user, List<PublishGrant> publish, List<SubscribeGrant> subscribe) {
        for (String fleet : user.fleetIds()) {
            publish.add(new PublishGrant(Topics.vehicleFilter(fleet, TopicKind.TELEMETRY), false));
            publish.add(new PublishGrant(Topics.vehicleFilter(fleet, TopicKind.PRESENCE), true));
            publish.add(new PublishGrant(Topics.vehicleFilter(fleet, TopicKind.COMMAND_ACKS), false));
            subscribe.add(SubscribeGrant.plain(Topics.vehicleFilter(fleet, TopicKind.COMMANDS)));
        }
    }

    private static void grantOwnTracks(User user, List<PublishGrant> publish, List<SubscribeGrant> subscribe) {
        String devices = OwnTracksTopics.deviceFilter(user.username());
        // The app may retain its location, its will and its card; the other levels are harmless to retain too.
        publish.add(new PublishGrant(devices, true));
        OwnTracksTopics.APP_LEVELS.forEach(level -> publish.add(new PublishGrant(devices + "/" + level, true)));
        subscribe.add(SubscribeGrant.plain(OwnTracksTopics.ROOT + "/" + user.username() + "/#"));
    }

    /** Returns the pattern of a topic kind in every fleet, for every vehicle when the kind is per vehicle. */
    private static String allFleets(TopicKind kind) {
        return kind.perVehicle() ? Topics.ROOT + "/+/vehicles/+/" + kind.level() : Topics.ROOT + "/+/" + kind.level();
    }

    private static String fleetFilter(String fleetId, TopicKind kind) {
        return kind.perVehicle() ? Topics.vehicleFilter(fleetId, kind) : Topics.fleetTopic(fleetId, kind);
    }

    private static String describe(User user) {
        String fleets = user.fleetIds().isEmpty()
                ? ""
                : " of fleets " + user.fleetIds().stream().sorted().toList();
        String topics = user.viewerTopics().isEmpty()
                ? ""
                : " reading "
                        + user.viewerTopics().stream()
                                .map(TopicKind::level)
                                .sorted()
                                .toList();
        return "role " + user.role().fileName() + fleets + topics;
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
                return shared == null || grant.sharedAllowed()
                        ? Decision.allow()
                        : Decision.deny("Shared subscription '" + filter + "' is not allowed for " + description);
            }
        }
        return Decision.deny("Subscribing to '" + filter + "' is not allowed for " + description);
    }

    @Override
    public String toString() {
        return description;
    }

    /** A topic name pattern the client may publish to. */
    private record PublishGrant(String topicPattern, boolean retainAllowed) {}

    /**
     * A filter pattern whose narrower filters the client may subscribe to.
     *
     * @param sharedAllowed true: also as {@code $share/trackers/...}; false: only as a plain subscription
     */
    private record SubscribeGrant(String filterPattern, boolean sharedAllowed) {

        static SubscribeGrant plain(String filterPattern) {
            return new SubscribeGrant(filterPattern, false);
        }

        static SubscribeGrant plainOrShared(String filterPattern) {
            return new SubscribeGrant(filterPattern, true);
        }
    }
}
