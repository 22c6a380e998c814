package org.fleettracker.broker.api;

import java.util.Objects;
import java.util.Set;

/**
 * An account of the users file that the broker currently uses, without its password hash.
 *
 * @param role the role name of the users file, such as {@code dispatcher}
 * @param fleetIds the fleets of the account; empty for roles that reach every fleet
 */
public record Account(String username, String role, Set<String> fleetIds) {

    /** Role name of vehicle accounts, which get no access tokens. */
    public static final String VEHICLE_ROLE = "vehicle";

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        fleetIds = Set.copyOf(fleetIds);
    }
}
