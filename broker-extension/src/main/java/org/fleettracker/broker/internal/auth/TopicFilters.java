package org.fleettracker.broker.internal.auth;

import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

/**
 * MQTT topic matching against the patterns of {@link Permissions}. In a pattern, {@code +} stands for any valid fleet
 * or vehicle id (see {@link Ids}) and a final {@code #} for any remaining levels.
 */
final class TopicFilters {

    private static final String SHARE_PREFIX = "$share/";

    private TopicFilters() {}

    /** Returns whether the topic name of a PUBLISH matches {@code pattern}; a name with wildcards never does. */
    static boolean topicMatches(String pattern, String topic) {
        return !topic.contains("+") && !topic.contains("#") && covers(pattern, topic);
    }

    /**
     * Returns whether every topic that subscription {@code filter} can match also matches {@code pattern}, so that a
     * wildcard filter cannot reach beyond what the pattern grants.
     */
    static boolean covers(String pattern, String filter) {
        String[] allowed = pattern.split("/", -1);
        String[] requested = filter.split("/", -1);
        for (int i = 0; i < allowed.length; i++) {
            if ("#".equals(allowed[i])) {
                return true;
            }
            if (i == requested.length || !levelCovered(allowed[i], requested[i])) {
                return false;
            }
        }
        return requested.length == allowed.length;
    }

    /**
     * Splits a shared subscription {@code $share/<group>/<filter>}.
     *
     * @return null when {@code filter} is not a shared subscription
     */
    static @Nullable SharedFilter parseShared(String filter) {
        if (!filter.startsWith(SHARE_PREFIX)) {
            return null;
        }
        String rest = filter.substring(SHARE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new SharedFilter(rest, "");
        }
        return new SharedFilter(rest.substring(0, slash), rest.substring(slash + 1));
    }

    private static boolean levelCovered(String allowedLevel, String requestedLevel) {
        if ("+".equals(allowedLevel)) {
            return "+".equals(requestedLevel) || Ids.isValid(requestedLevel);
        }
        return allowedLevel.equals(requestedLevel);
    }

    /** A shared subscription split into its share name and the filter it shares. */
    record SharedFilter(String group, String filter) {}
}
