package org.fleettracker.broker.internal.auth;

import org.fleettracker.broker.api.AccessTokens;
import org.fleettracker.broker.api.Account;
import org.fleettracker.broker.api.TokenVerification;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.Users;
import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates a CONNECT whose password is an access token.
 *
 * <p>Rules: a password is taken as a token when it starts with {@value #TOKEN_PREFIX} (base64url of <code>{"</code>,
 * the start of every JWT header) and contains a dot. The CONNECT user name must equal the token's {@code sub}. Role
 * and fleets come from the current users file, so the token of a removed user is rejected. Accounts of role vehicle,
 * gateway or owntracks get no tokens: vehicles and gateways are unattended and keep their long-lived password, and a
 * token expiry would cut off their telemetry. Thread-safe.
 */
public final class TokenVerifier {

    /** Start of every JWT: base64url of the first characters of its JSON header. */
    public static final String TOKEN_PREFIX = "eyJ";

    private final @Nullable AccessTokens tokens;

    /** Creates the verifier; null tokens means tokens are disabled and every token is rejected. */
    public TokenVerifier(@Nullable AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** Returns whether {@code password}, the bytes of a CONNECT password, is to be checked as a token. */
    public static boolean isToken(ByteBuffer password) {
        return isToken(StandardCharsets.US_ASCII.decode(password.duplicate()));
    }

    /**
     * Returns whether the broker takes {@code password} for an access token, so that it never checks it as an account
     * password; the users file editor refuses such passwords.
     */
    public static boolean isToken(CharSequence password) {
        if (password.length() < TOKEN_PREFIX.length()
                || !TOKEN_PREFIX.contentEquals(password.subSequence(0, TOKEN_PREFIX.length()))) {
            return false;
        }
        for (int i = 1; i < password.length(); i++) {
            if (password.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    /** Verifies the token in {@code password} for {@code username} against the accounts in {@code users}. */
    public Result verify(String username, ByteBuffer password, Users users) {
        if (tokens == null) {
            return new Result.Rejected("access tokens are not enabled on this broker");
        }
        String token = StandardCharsets.UTF_8.decode(password.duplicate()).toString();
        TokenVerification verification = tokens.verify(token);
        if (verification instanceof TokenVerification.Invalid invalid) {
            return new Result.Rejected(invalid.reason());
        }
        TokenVerification.Valid valid = (TokenVerification.Valid) verification;
        if (!valid.username().equals(username)) {
            return new Result.Rejected("token subject does not match the user name");
        }
        Optional<User> user = users.find(username);
        if (user.isEmpty()) {
            return new Result.Rejected("token user is not in the users file");
        }
        if (!Account.mayRoleUseTokens(user.get().role().fileName())) {
            return new Result.Rejected("access tokens are not accepted for role "
                    + user.get().role().fileName());
        }
        return new Result.Accepted(user.get(), valid.expiresAt().plus(tokens.clockSkew()));
    }

    /** Outcome of {@link #verify}. */
    public sealed interface Result {

        /**
         * A valid token of a current account.
         *
         * @param validUntil the token's {@code exp} plus the clock skew leeway; the connection is closed then
         */
        record Accepted(User user, Instant validUntil) implements Result {}

        /**
         * A rejected token.
         *
         * @param reason what is wrong, such as {@code token expired}; it never contains the token
         */
        record Rejected(String reason) implements Result {}
    }
}
