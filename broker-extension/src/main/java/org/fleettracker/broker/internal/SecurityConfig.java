package org.fleettracker.broker.internal;

import org.fleettracker.protocol.api.Topics;

import java.time.Duration;

/** Tunables of the broker extension. */
public final class SecurityConfig {

    /** PBKDF2-HMAC-SHA256 iterations for new password hashes. */
    public static final int HASH_ITERATIONS = 210_000;

    /** Maximum time a password check may take before the CONNECT is rejected with SERVER_BUSY. */
    public static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(10);

    /** Fewest PBKDF2 iterations a stored hash may have; weaker hashes make the users file invalid. */
    public static final int MIN_HASH_ITERATIONS = 10_000;

    /** Most PBKDF2 iterations a stored hash may have, so that one CONNECT cannot stall the broker. */
    public static final int MAX_HASH_ITERATIONS = 5_000_000;

    /** Minimum length, in characters, of a password that the users command sets. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** Length of the random salt of a new password hash, in bytes. */
    public static final int SALT_LENGTH_BYTES = 16;

    /** Length of a derived password hash, in bytes. */
    public static final int HASH_LENGTH_BYTES = 32;

    /** Path of the users file inside the extension's home folder when HiveMQ loads the extension from disk. */
    public static final String USERS_FILE_IN_EXTENSION_HOME = "conf/users.yaml";

    /**
     * How often the extension checks the users file for changes. A changed file takes effect within this interval,
     * and the clients whose account it changed or removed are disconnected.
     */
    public static final Duration USERS_FILE_POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * Path of the access token secret inside the extension's home folder when HiveMQ loads the extension from disk;
     * without the file, access tokens are disabled.
     */
    public static final String TOKEN_SECRET_FILE_IN_EXTENSION_HOME = "conf/token-secret";

    /** Path of the optional settings file inside the extension's home folder; without it the defaults apply. */
    public static final String SECURITY_FILE_IN_EXTENSION_HOME = "conf/security.properties";

    /** Most keys (event kind plus client id or address) whose log repeats are counted at once. */
    public static final int MAX_LOG_REPEAT_KEYS = 10_000;

    /** Period of the check that writes the "suppressed" line of each ended repeat window of the connections log. */
    public static final Duration LOG_FLUSH_PERIOD = Duration.ofSeconds(5);

    /** Name of the logger that records connects, failed authentications, denials and disconnects. */
    public static final String CONNECTIONS_LOGGER = "org.fleettracker.broker.connections";

    /**
     * Prefix of the client ids that HiveMQ assigns to clients that send an empty one, such as
     * {@code hmq_MDWZz_0_7c67...} (seen with HiveMQ CE 2025.5); a vehicle id must not start with it.
     */
    public static final String ASSIGNED_CLIENT_ID_PREFIX = "hmq_";

    /** Share name of the only shared subscription the extension allows, and only to role tracker. */
    public static final String TRACKER_SHARE_GROUP = Topics.TRACKER_SHARE_GROUP;

    private SecurityConfig() {}
}
