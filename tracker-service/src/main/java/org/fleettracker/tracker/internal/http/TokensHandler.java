package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.fleettracker.broker.api.AccessTokens;
import org.fleettracker.broker.api.Account;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.IssuedToken;
import org.fleettracker.broker.api.TokenVerification;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/v1/tokens}: issues an access token for the MQTT broker.
 *
 * <p>The request authenticates with HTTP Basic (user name and password of the broker's users file, checked with the
 * same PBKDF2 hashes as a CONNECT) or with {@code Bearer <token>}, a valid unexpired access token, which refreshes
 * it. Role and fleets are looked up in the broker's current users, so a removed user gets no new token. Accounts of
 * role vehicle or owntracks get 403. A wrong password or an invalid token counts as a failed login of the client's
 * address in the broker's login throttle, and a locked-out address gets 429 with {@code Retry-After}, as an MQTT
 * CONNECT would.
 * The PBKDF2 check runs on the HTTP worker pool, not on the server's dispatcher thread.
 */
final class TokensHandler implements HttpHandler {

    static final String PATH = "/api/v1/tokens";

    private static final Logger log = LoggerFactory.getLogger(TokensHandler.class);

    /** Names the token endpoint in the broker's connections log. */
    private static final String LOG_SOURCE = "Token requests";

    private static final List<String> CHALLENGES =
            List.of("Basic realm=\"fleet-tracker\", charset=\"UTF-8\"", "Bearer realm=\"fleet-tracker\"");

    private final @Nullable FleetSecurityExtension security;

    /** Creates the handler; null security (an external broker) makes every request return 503. */
    TokensHandler(@Nullable FleetSecurityExtension security) {
        this.security = security;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Exchanges.sendError(
                    exchange,
                    405,
                    "method_not_allowed",
                    "method " + exchange.getRequestMethod() + " is not allowed; use POST",
                    null);
            return;
        }
        Optional<AccessTokens> tokens = security == null ? Optional.empty() : security.accessTokens();
        if (security == null || tokens.isEmpty()) {
            // TODO: issue tokens with an external broker too; today the users come from the embedded broker only.
            Exchanges.sendError(
                    exchange,
                    503,
                    "service_unavailable",
                    "access tokens are available only with the tracker's embedded broker",
                    null);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            sendUnauthorized(exchange, "", "the request has no Authorization header; use Basic or Bearer");
            return;
        }
        Optional<Instant> lockedUntil = security.loginLockedOutUntil(LOG_SOURCE, address(exchange));
        if (lockedUntil.isPresent()) {
            long retryAfterSeconds = Math.max(
                    1, Duration.between(Instant.now(), lockedUntil.get()).toSeconds() + 1);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
            Exchanges.sendError(
                    exchange,
                    429,
                    "too_many_requests",
                    "too many failed logins from this address; try again in " + retryAfterSeconds + " s",
                    null);
            return;
        }
        String scheme = scheme(authorization);
        String credentials = authorization
                .substring(Math.min(authorization.length(), scheme.length() + 1))
                .strip();
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "basic" -> issueForPassword(exchange, security, tokens.get(), credentials);
            case "bearer" -> refresh(exchange, security, tokens.get(), credentials);
            default ->
                sendUnauthorized(
                        exchange,
                        "",
                        "Authorization scheme '" + Exchanges.excerpt(scheme) + "' is not Basic or Bearer");
        }
    }

    private void issueForPassword(
            HttpExchange exchange, FleetSecurityExtension security, AccessTokens tokens, String credentials)
            throws IOException {
        char[] decoded = decodeBasic(credentials);
        int colon = indexOf(decoded, ':');
        if (colon < 0) {
            Arrays.fill(decoded, '\0');
            sendUnauthorized(exchange, "", "Basic credentials are not base64 of user-name:password");
            return;
        }
        String username = new String(decoded, 0, colon);
        char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        Arrays.fill(decoded, '\0');
        Optional<Account> account;
        try {
            account = security.verifyPassword(username, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (account.isEmpty()) {
            security.recordFailedLogin(LOG_SOURCE, address(exchange));
            rejected(exchange, username, "wrong user name or password");
            sendUnauthorized(exchange, "", "user name or password is wrong");
            return;
        }
        issue(exchange, tokens, account.get());
    }

    private void refresh(HttpExchange exchange, FleetSecurityExtension security, AccessTokens tokens, String token)
            throws IOException {
        TokenVerification verification = tokens.verify(token);
        if (verification instanceof TokenVerification.Invalid invalid) {
            security.recordFailedLogin(LOG_SOURCE, address(exchange));
            rejected(exchange, "", invalid.reason());
            sendUnauthorized(exchange, ", error=\"invalid_token\"", invalid.reason());
            return;
        }
        String username = ((TokenVerification.Valid) verification).username();
        Optional<Account> account = security.findAccount(username);
        if (account.isEmpty()) {
            rejected(exchange, username, "token user is not in the users file");
            sendUnauthorized(exchange, ", error=\"invalid_token\"", "token user is not in the users file");
            return;
        }
        issue(exchange, tokens, account.get());
    }

    private static void issue(HttpExchange exchange, AccessTokens tokens, Account account) throws IOException {
        if (!account.mayUseTokens()) {
            rejected(exchange, account.username(), "role " + account.role() + " gets no access tokens");
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

    private static void sendUnauthorized(HttpExchange exchange, String bearerError, String message) throws IOException {
        exchange.getResponseHeaders().add("WWW-Authenticate", CHALLENGES.get(0));
        exchange.getResponseHeaders().add("WWW-Authenticate", CHALLENGES.get(1) + bearerError);
        Exchanges.sendError(exchange, 401, "unauthorized", message, null);
    }

    private static void rejected(HttpExchange exchange, String username, String reason) {
        log.info(
                "Token request from {} for user '{}' rejected: {}",
                address(exchange),
                Exchanges.excerpt(username),
                reason);
    }

    private static String address(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null ? "unknown address" : remote.getAddress().getHostAddress();
    }

    private static String scheme(String authorization) {
        String stripped = authorization.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }

    /** Returns the decoded Basic credentials, or an empty array when they are not base64 of UTF-8 text. */
    private static char[] decodeBasic(String credentials) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
            return new char[0];
        }
        var chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        char[] copy = new char[chars.remaining()];
        chars.get(copy);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        return copy;
    }

    private static int indexOf(char[] chars, char target) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == target) {
                return i;
            }
        }
        return -1;
    }
}
