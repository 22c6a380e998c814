package org.fleettracker.broker.internal.users;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.TopicKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * One account of the users file. Two accounts are equal when every field is equal, which the live reload uses to find
 * the accounts that changed.
 *
 * @param username 1 to 64 letters, digits, '.', '_' or '-'
 * @param fleetIds exactly one for {@link Role#VEHICLE}, at least one for dispatcher, viewer and gateway, none for
 *     tracker and admin, because those two reach every fleet, and none for owntracks, whose devices the tracker's
 *     mapping file places in fleets
 * @param vehicleIds for {@link Role#VEHICLE} only: the client ids this account may connect with; empty means any
 *     valid vehicle id of its fleet
 * @param viewerTopics for {@link Role#VIEWER} only, and not empty there: the topic kinds it may read; never
 *     {@link TopicKind#COMMANDS}
 */
public record User(
        String username,
        PasswordHash passwordHash,
        Role role,
        Set<String> fleetIds,
        Set<String> vehicleIds,
        Set<TopicKind> viewerTopics) {

    /** Topic kinds of a viewer whose entry has no {@code topics} key. */
    public static final Set<TopicKind> DEFAULT_VIEWER_TOPICS = Set.of(TopicKind.STATE);

    public User {
        Ids.requireValid("user name", username);
        fleetIds = Set.copyOf(fleetIds);
        fleetIds.forEach(id -> Ids.requireValid("fleet id", id));
        requireFleetCount(role, fleetIds.size());
        vehicleIds = Set.copyOf(vehicleIds);
        vehicleIds.forEach(id -> Ids.requireValid("vehicle id", id));
        if (!vehicleIds.isEmpty() && role != Role.VEHICLE) {
            throw new IllegalArgumentException("vehicles are allowed only for role vehicle, not " + role.fileName());
        }
        viewerTopics = viewerTopics.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(viewerTopics));
        requireViewerTopics(role, viewerTopics);
    }

    /** Creates an account without a vehicle list; a viewer gets {@link #DEFAULT_VIEWER_TOPICS}. */
    public User(String username, PasswordHash passwordHash, Role role, Set<String> fleetIds) {
        this(username, passwordHash, role, fleetIds, Set.of(), role == Role.VIEWER ? DEFAULT_VIEWER_TOPICS : Set.of());
    }

    /** Returns the only fleet of a vehicle account. */
    public String vehicleFleetId() {
        if (role != Role.VEHICLE) {
            throw new IllegalStateException("user " + username + " has role " + role.fileName() + ", not vehicle");
        }
        return fleetIds.iterator().next();
    }

    /** Returns whether this vehicle account may connect with client id {@code vehicleId}. */
    public boolean mayActAsVehicle(String vehicleId) {
        return role == Role.VEHICLE && (vehicleIds.isEmpty() || vehicleIds.contains(vehicleId));
    }

    private static void requireViewerTopics(Role role, Set<TopicKind> topics) {
        if (role != Role.VIEWER) {
            if (!topics.isEmpty()) {
                throw new IllegalArgumentException("topics are allowed only for role viewer, not " + role.fileName());
            }
            return;
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("role viewer needs at least one topic kind");
        }
        if (topics.contains(TopicKind.COMMANDS)) {
            throw new IllegalArgumentException(
                    "role viewer is read-only, so topic kind " + TopicKind.COMMANDS.level() + " is not allowed");
        }
    }

    private static void requireFleetCount(Role role, int count) {
        boolean valid =
                switch (role) {
                    case VEHICLE -> count == 1;
                    case DISPATCHER, VIEWER, GATEWAY -> count >= 1;
                    case TRACKER, ADMIN, OWNTRACKS -> count == 0;
                };
        if (!valid) {
            String expected =
                    switch (role) {
                        case VEHICLE -> "exactly one fleet";
                        case DISPATCHER, VIEWER, GATEWAY -> "at least one fleet";
                        case TRACKER, ADMIN -> "no fleets, because it reaches every fleet";
                        case OWNTRACKS -> "no fleets, because the tracker's OwnTracks mapping file places its devices";
                    };
            throw new IllegalArgumentException(
                    "role " + role.fileName() + " needs " + expected + ", but " + count + " are listed");
        }
    }
}
