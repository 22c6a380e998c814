package org.fleettracker.broker.internal.users;

import org.fleettracker.protocol.api.Ids;

import java.util.Set;

/**
 * One account of the users file.
 *
 * @param username 1 to 64 letters, digits, '.', '_' or '-'
 * @param fleetIds exactly one for {@link Role#VEHICLE}, at least one for dispatcher and viewer, none for tracker
 *     and admin, because those two reach every fleet
 */
public record User(String username, PasswordHash passwordHash, Role role, Set<String> fleetIds) {

    public User {
        Ids.requireValid("user name", username);
        fleetIds = Set.copyOf(fleetIds);
        fleetIds.forEach(id -> Ids.requireValid("fleet id", id));
        requireFleetCount(role, fleetIds.size());
    }

    /** Returns the only fleet of a vehicle account. */
    public String vehicleFleetId() {
        if (role != Role.VEHICLE) {
            throw new IllegalStateException("user " + username + " has role " + role.fileName() + ", not vehicle");
        }
        return fleetIds.iterator().next();
    }

    private static void requireFleetCount(Role role, int count) {
        boolean valid =
                switch (role) {
                    case VEHICLE -> count == 1;
                    case DISPATCHER, VIEWER -> count >= 1;
                    case TRACKER, ADMIN -> count == 0;
                };
        if (!valid) {
            String expected =
                    switch (role) {
                        case VEHICLE -> "exactly one fleet";
                        case DISPATCHER, VIEWER -> "at least one fleet";
                        case TRACKER, ADMIN -> "no fleets, because it reaches every fleet";
                    };
            throw new IllegalArgumentException(
                    "role " + role.fileName() + " needs " + expected + ", but " + count + " are listed");
        }
    }
}
