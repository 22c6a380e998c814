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

    /** Role name of OwnTracks phone accounts, which get no access tokens either. */
    public static final String OWNTRACKS_ROLE = "owntracks";

    /** Role name of gateway accounts, which are unattended like vehicles and get no access tokens either. */
    public static final String GATEWAY_ROLE = "gateway";

    /** Returns whether the broker accepts access tokens of this account; vehicles, gateways, phones use passwords. */
    public boolean mayUseTokens() {
        return mayRoleUseTokens(role);
    }

    /** Returns whether the broker accepts access tokens of accounts with role name {@code role}. */
    public static boolean mayRoleUseTokens(String role) {
        return !VEHICLE_ROLE.equals(role) && !OWNTRACKS_ROLE.equals(role) && !GATEWAY_ROLE.equals(role);
    }

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        fleetIds = Set.copyOf(fleetIds);
    }
}
