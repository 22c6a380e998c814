package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.AccessTokens;
import org.fleettracker.broker.api.Account;
import org.fleettracker.broker.api.FleetSecurityExtension;
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
import java.util.Set;

/**
 * Authenticates HTTP requests against the broker's users: HTTP Basic (user name and password of the users file,
 * checked with the same PBKDF2 hashes as a CONNECT) or {@code Bearer <token>}, a valid unexpired access token.
 *
 * <p>A wrong password or an invalid token counts as a failed login of the client's address in the broker's login
 * throttle, and a locked-out address gets 429 with {@code Retry-After}, as an MQTT CONNECT would. Role and fleets are
 * looked up in the broker's current users, so a removed user is rejected at once. Thread-safe.
 */
final class ApiAuth {

    /** Roles that may change geofences, jobs, commands and alerts of their fleets. */
    static final Set<String> WRITER_ROLES = Set.of("dispatcher", "admin");

    private static final Logger log = LoggerFactory.getLogger(ApiAuth.class);

    /** Names the HTTP API in the broker's connections log. */
    private static final String LOG_SOURCE = "HTTP API";

    private static final List<String> CHALLENGES =
            List.of("Basic realm=\"fleet-tracker\", charset=\"UTF-8\"", "Bearer realm=\"fleet-tracker\"");

    private final @Nullable FleetSecurityExtension security;

    /** Creates the check; null security (an external broker) makes every request return 503. */
    ApiAuth(@Nullable FleetSecurityExtension security) {
        this.security = security;
    }

    /**
     * Returns the account the request authenticates as, or empty after sending a 401, 429 or 503 response.
     * Passwords are checked on the calling thread, so call it on the HTTP worker pool.
     */
    Optional<Account> authenticate(HttpExchange exchange) throws IOException {
        Optional<AccessTokens> tokens = security == null ? Optional.empty() : security.accessTokens();
        if (security == null || tokens.isEmpty()) {
            // TODO: authenticate against the users file with an external broker too; today only the embedded one.
            Exchanges.sendError(
                    exchange,
                    503,
                    "service_unavailable",
                    "authentication is available only with the tracker's embedded broker",
                    null);
            return Optional.empty();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            sendUnauthorized(exchange, "", "the request has no Authorization header; use Basic or Bearer");
            return Optional.empty();
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
            return Optional.empty();
        }
        String scheme = scheme(authorization);
        String credentials = authorization
                .substring(Math.min(authorization.length(), scheme.length() + 1))
                .strip();
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "basic" -> checkPassword(exchange, security, credentials);
            case "bearer" -> checkToken(exchange, security, tokens.get(), credentials);
            default -> {
                sendUnauthorized(
                        exchange,
                        "",
                        "Authorization scheme '" + Exchanges.excerpt(scheme) + "' is not Basic or Bearer");
                yield Optional.empty();
            }
        };
    }

    /**
     * Returns the account when it may change data of {@code fleetId}: role dispatcher or admin, and the fleet among
     * its fleets (an admin without fleets reaches every fleet). Otherwise sends 401, 403, 429 or 503 and returns
     * empty.
     */
    Optional<Account> requireWriter(HttpExchange exchange, String fleetId) throws IOException {
        Optional<Account> account = authenticate(exchange);
        if (account.isEmpty()) {
            return account;
        }
        return requireWriter(exchange, account.get(), fleetId);
    }

    /**
     * Returns the already authenticated account when it may change data of {@code fleetId}, as
     * {@link #requireWriter(HttpExchange, String)} does; otherwise sends 403 and returns empty. For handlers that
     * must authenticate before they can read the fleet from the request body.
     */
    Optional<Account> requireWriter(HttpExchange exchange, Account user, String fleetId) throws IOException {
        if (!WRITER_ROLES.contains(user.role())) {
            Exchanges.sendError(
                    exchange,
                    403,
                    "forbidden",
                    "role " + user.role() + " may not change fleet data; use a dispatcher or admin account",
                    null);
            return Optional.empty();
        }
        if (!user.fleetIds().isEmpty() && !user.fleetIds().contains(fleetId)) {
            Exchanges.sendError(
                    exchange,
                    403,
                    "forbidden",
                    "user " + user.username() + " has no access to fleet " + Exchanges.excerpt(fleetId),
                    null);
            return Optional.empty();
        }
        return Optional.of(user);
    }

    private Optional<Account> checkPassword(HttpExchange exchange, FleetSecurityExtension security, String credentials)
            throws IOException {
        char[] decoded = decodeBasic(credentials);
        int colon = indexOf(decoded, ':');
        if (colon < 0) {
            Arrays.fill(decoded, '\0');
            sendUnauthorized(exchange, "", "Basic credentials are not base64 of user-name:password");
            return Optional.empty();
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
        }
        return account;
    }

    private Optional<Account> checkToken(
            HttpExchange exchange, FleetSecurityExtension security, AccessTokens tokens, String token)
            throws IOException {
        TokenVerification verification = tokens.verify(token);
        if (verification instanceof TokenVerification.Invalid invalid) {
            security.recordFailedLogin(LOG_SOURCE, address(exchange));
            rejected(exchange, "", invalid.reason());
            sendUnauthorized(exchange, ", error=\"invalid_token\"", invalid.reason());
            return Optional.empty();
        }
        String username = ((TokenVerification.Valid) verification).username();
        Optional<Account> account = security.findAccount(username);
        if (account.isEmpty()) {
            rejected(exchange, username, "token user is not in the users file");
            sendUnauthorized(exchange, ", error=\"invalid_token\"", "token user is not in the users file");
        }
        return account;
    }

    private static void sendUnauthorized(HttpExchange exchange, String bearerError, String message) throws IOException {
        exchange.getResponseHeaders().add("WWW-Authenticate", CHALLENGES.get(0));
        exchange.getResponseHeaders().add("WWW-Authenticate", CHALLENGES.get(1) + bearerError);
        Exchanges.sendError(exchange, 401, "unauthorized", message, null);
    }

    static void rejected(HttpExchange exchange, String username, String reason) {
        log.info(
                "HTTP request {} {} from {} for user '{}' rejected: {}",
                exchange.getRequestMethod(),
                Exchanges.excerpt(String.valueOf(exchange.getRequestURI().getRawPath())),
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
