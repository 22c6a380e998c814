package org.fleettracker.broker.internal.auth;

/**
 * Outcome of an authorization check.
 *
 * @param reason why access was denied, sent to the client as the reason string; empty when allowed
 */
public record Decision(boolean allowed, String reason) {

    private static final Decision ALLOW = new Decision(true, "");

    public static Decision allow() {
        return ALLOW;
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
