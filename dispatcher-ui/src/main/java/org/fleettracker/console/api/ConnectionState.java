package org.fleettracker.console.api;

/** State of the console's connection to the broker, as its status bar shows it. */
public enum ConnectionState {
    /** First connection attempt in progress. */
    CONNECTING,
    /** Connected and subscribed; updates flow. */
    CONNECTED,
    /** Not connected; the next attempt is scheduled after a backoff delay. */
    DISCONNECTED,
    /** A reconnection attempt is in progress. */
    RECONNECTING,
    /** The broker refused the user name, password or subscription; the console does not retry. */
    REFUSED,
    /** The console closed its connection. */
    CLOSED
}
