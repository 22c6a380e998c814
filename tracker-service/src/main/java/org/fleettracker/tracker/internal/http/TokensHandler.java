package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.AccessTokens;
import org.fleettracker.broker.api.Account;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.IssuedToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/v1/tokens}: issues an access token for the MQTT broker.
 *
 * <p>The request authenticates as {@link ApiAuth} describes: with HTTP Basic, or with a valid unexpired access token,
 * which refreshes it. Accounts of role vehicle or owntracks get 403. The PBKDF2 check runs on the HTTP worker pool,
 * not on the server's dispatcher thread.
 */
final class TokensHandler {

    static final String PATH = "/api/v1/tokens";

    private static final Logger log = LoggerFactory.getLogger(TokensHandler.class);

    private final @Nullable FleetSecurityExtension security;
    private final ApiAuth auth;

    /** Creates the handler; null security (an external broker) makes every request return 503. */
    TokensHandler(@Nullable FleetSecurityExtension security, ApiAuth auth) {
        this.security = security;
        this.auth = auth;
    }

    void register(Router router) {
        router.add("POST", PATH, (exchange, path) -> handle(exchange));
    }

    private void handle(HttpExchange exchange) throws IOException {
        Optional<Account> account = auth.authenticate(exchange);
        Optional<AccessTokens> tokens = security == null ? Optional.empty() : security.accessTokens();
        if (account.isEmpty() || tokens.isEmpty()) {
            return;
        }
        issue(exchange, tokens.get(), account.get());
    }

    private static void issue(HttpExchange exchange, AccessTokens tokens, Account account) throws IOException {
        if (!account.mayUseTokens()) {
            ApiAuth.rejected(exchange, account.username(), "role " + account.role() + " gets no access tokens");
            Exchanges.sendError(
                    exchange,
                    403,
                    "forbidden",
                    "access tokens are not issued for role " + account.role()
                            + "; vehicles and OwnTracks phones connect with their password",
                    null);
            return;
        }
        IssuedToken issued = tokens.issue(account.username(), account.role());
        long expiresInSeconds =
                Math.max(0, Duration.between(Instant.now(), issued.expiresAt()).toSeconds());
        log.debug("Issued an access token for user '{}' until {}", account.username(), issued.expiresAt());
        Exchanges.sendJson(
                exchange, 200, new ApiResponses.Token(issued.token(), "Bearer", issued.expiresAt(), expiresInSeconds));
    }
}
