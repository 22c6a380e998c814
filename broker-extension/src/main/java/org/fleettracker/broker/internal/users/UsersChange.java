package org.fleettracker.broker.internal.users;

import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between two versions of the users file, by user name.
 *
 * @param changed accounts in both versions whose password hash, role, fleets, vehicles or topics differ
 */
public record UsersChange(Set<String> added, Set<String> removed, Set<String> changed) {

    public UsersChange {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        changed = Set.copyOf(changed);
    }

    /** Compares the accounts of {@code before} and {@code after}. */
    public static UsersChange between(Users before, Users after) {
        Set<String> added = new TreeSet<>(after.usernames());
        added.removeAll(before.usernames());
        Set<String> removed = new TreeSet<>(before.usernames());
        removed.removeAll(after.usernames());
        Set<String> changed = new TreeSet<>();
        for (String name : before.usernames()) {
            after.find(name)
                    .filter(user -> !user.equals(before.find(name).orElseThrow()))
                    .ifPresent(user -> changed.add(name));
        }
        return new UsersChange(added, removed, changed);
    }

    /** Returns whether both versions contain the same accounts. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
