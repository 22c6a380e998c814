package org.fleettracker.console.api;

/** Kind of secret in the password of {@link ConsoleSettings}, which decides how the console logs in. */
public enum Credential {
    /** The account's password; with an API URL the console trades it for access tokens and renews them. */
    PASSWORD,
    /** An access token from the tracker, sent to the broker as the MQTT password until it expires. */
    ACCESS_TOKEN
}
