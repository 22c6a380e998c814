package org.fleettracker.broker.internal.users;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The accounts of one users file, by user name. Immutable and thread-safe. */
public final class Users {

    private final Map<String, User> byName;

    /**
     * @throws IllegalArgumentException when two accounts share a user name
     */
    public Users(Collection<User> users) {
        this.byName = Map.copyOf(users.stream().collect(Collectors.toMap(User::username, Function.identity())));
    }

    public Optional<User> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    public int size() {
        return byName.size();
    }

    /** Returns the user names of every account. */
    public Set<String> usernames() {
        return byName.keySet();
    }
}
