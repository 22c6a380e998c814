package org.fleettracker.broker.internal.session;

import org.fleettracker.broker.internal.users.User;
import org.fleettracker.protocol.api.TopicKind;

import java.util.Collection;
import java.util.stream.Collectors;

/** Describes the permissions of an account, so that a session can be tied to the permissions it was granted under. */
public final class AccountKey {

    private AccountKey() {}

    /**
     * Returns the role, fleets, vehicles and viewer topics of {@code user}, such as {@code viewer fleets=[demo]
     * vehicles=[] topics=[state]}. The password is left out, because a new password grants no other topics.
     */
    public static String of(User user) {
        return user.role().fileName()
                + " fleets=" + sorted(user.fleetIds())
                + " vehicles=" + sorted(user.vehicleIds())
                + " topics="
                + sorted(user.viewerTopics().stream().map(TopicKind::level).toList());
    }

    private static String sorted(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
