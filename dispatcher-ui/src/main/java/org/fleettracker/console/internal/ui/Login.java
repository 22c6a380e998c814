package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Credential;

/**
 * Credentials the dispatcher entered in the login dialog. The secret is never logged or saved, so
 * {@link #toString()} leaves it out.
 *
 * @param secret the account's password, or an access token from the tracker's {@code POST /api/v1/tokens}
 */
public record Login(String username, String secret, Credential credential) {

    public Login {
        username = username.strip();
        if (username.isEmpty()) {
            throw new IllegalArgumentException("user name must not be blank");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(
                    credential == Credential.PASSWORD
                            ? "password must not be empty"
                            : "access token must not be empty");
        }
    }

    /** Returns {@code settings} with this user name and secret. */
    public ConsoleSettings applyTo(ConsoleSettings settings) {
        return settings.withLogin(username, secret);
    }

    @Override
    public String toString() {
        return "Login[username=" + username + ", credential=" + credential + "]";
    }
}
