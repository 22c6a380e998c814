package org.fleettracker.broker.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.RegisteredClaims;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * Issues and verifies short-lived access tokens that clients send as their MQTT password: JSON Web Tokens signed
 * with HMAC-SHA256 (JWS algorithm {@code HS256}).
 *
 * <p>Claims: {@code sub} is the user name, {@code iss} is {@value #ISSUER}, {@code aud} is {@value #AUDIENCE},
 * {@code iat} and {@code exp} are whole seconds, {@code jti} is a random UUID, and {@code role} is the role the
 * account had when the token was issued. The broker reads {@code role} for nothing: it takes role and fleets from
 * the users file at each CONNECT, so a token of a removed user stops working at once.
 *
 * <p>Verification accepts only {@code HS256} with this secret, and requires every claim above except {@code role}.
 * It allows a clock skew of {@link #DEFAULT_CLOCK_SKEW} between the issuer and the broker on {@code exp} and
 * {@code iat}, so a token is valid until {@code exp} plus that leeway. Thread-safe.
 */
public final class AccessTokens {

    /** Value of the {@code iss} claim. */
    public static final String ISSUER = "fleet-tracker";

    /** Value of the {@code aud} claim: the token is a password for the MQTT broker. */
    public static final String AUDIENCE = "mqtt";

    /** Name of the informational claim with the account's role. */
    public static final String ROLE_CLAIM = "role";

    /** Lifetime of a token unless configured otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    /** Minimum configurable lifetime; short lifetimes are for tests. */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(1);

    /** Maximum configurable lifetime, so that a leaked token cannot be used for days. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    /** Allowed difference between the clocks of the issuer and the broker when checking {@code exp}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    /** Minimum secret length in bytes: the output size of SHA-256, as RFC 7518 section 3.2 requires for HS256. */
    public static final int MIN_SECRET_BYTES = 32;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * Creates tokens with {@link #DEFAULT_CLOCK_SKEW} and the system clock.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes or the
     *     lifetime is outside [{@link #MIN_LIFETIME}, {@link #MAX_LIFETIME}]
     */
    public AccessTokens(byte[] secret, Duration lifetime) {
        this(secret, lifetime, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /**
     * Creates tokens with the given leeway and clock; tests use a clock in the past to make expired tokens.
     *
     * @throws IllegalArgumentException as {@link #AccessTokens(byte[], Duration)}, or when the clock skew is
     *     negative or longer than the lifetime
     */
    public AccessTokens(byte[] secret, Duration lifetime, Duration clockSkew, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token secret has " + secret.length + " bytes, but at least "
                    + MIN_SECRET_BYTES + " are required");
        }
        requireLifetime(lifetime);
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("token clock skew " + clockSkew + " is out of range [0, 24 h]");
        }
        byte[] key = Arrays.copyOf(secret, secret.length);
        this.algorithm = Algorithm.HMAC256(key);
        this.lifetime = lifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
        JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withClaimPresence(RegisteredClaims.SUBJECT)
                .withClaimPresence(RegisteredClaims.ISSUED_AT)
                .withClaimPresence(RegisteredClaims.EXPIRES_AT)
                .withClaimPresence(RegisteredClaims.JWT_ID)
                .acceptLeeway(clockSkew.toSeconds());
        this.verifier = verification.build(clock);
    }

    /**
     * Checks that a lifetime is whole seconds within [{@link #MIN_LIFETIME}, {@link #MAX_LIFETIME}].
     *
     * @throws IllegalArgumentException naming the value and the range
     */
    public static Duration requireLifetime(Duration lifetime) {
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0 || lifetime.getNano() != 0) {
            throw new IllegalArgumentException("token lifetime " + lifetime.toSeconds()
                    + " s is not a whole number of seconds in the range [1 s, 86400 s]");
        }
        return lifetime;
    }

    /** Returns how long a new token is valid. */
    public Duration lifetime() {
        return lifetime;
    }

    /** Returns the leeway added to {@code exp} when checking a token. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * Issues a token for {@code username}, valid from now for {@link #lifetime()}.
     *
     * @param role the account's role, stored in the token for information only; null leaves the claim out
     */
    public IssuedToken issue(String username, @Nullable String role) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        var builder = JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject(username)
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt)
                .withJWTId(UUID.randomUUID().toString());
        if (role != null) {
            builder.withClaim(ROLE_CLAIM, role);
        }
        return new IssuedToken(builder.sign(algorithm), username, expiresAt);
    }

    /**
     * Verifies the signature, the algorithm, {@code iss}, {@code aud}, {@code exp} (with the clock skew leeway) and
     * the presence of {@code sub}, {@code iat} and {@code jti}.
     *
     * @return the subject and expiry, or a short reason such as {@code token expired}; malformed input returns a
     *     reason too
     */
    public TokenVerification verify(String token) {
        DecodedJWT decoded;
        try {
            decoded = verifier.verify(token);
        } catch (JWTVerificationException e) {
            return new TokenVerification.Invalid(reason(e));
        }
        Instant expiresAt = decoded.getExpiresAtAsInstant();
        Instant issuedAt = decoded.getIssuedAtAsInstant();
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            return new TokenVerification.Invalid("token lifetime exceeds 24 h");
        }
        String subject = decoded.getSubject();
        String role = decoded.getClaim(ROLE_CLAIM).asString();
        return new TokenVerification.Valid(subject, expiresAt, role);
    }

    /** Returns the reason sent to the client and logged; it never contains the token. */
    private static String reason(JWTVerificationException e) {
        if (e instanceof TokenExpiredException) {
            return "token expired";
        }
        if (e instanceof AlgorithmMismatchException) {
            return "token algorithm is not HS256";
        }
        if (e instanceof SignatureVerificationException) {
            return "token signature is invalid";
        }
        if (e instanceof MissingClaimException missing) {
            return "token claim '" + missing.getClaimName() + "' is missing";
        }
        if (e instanceof IncorrectClaimException incorrect) {
            return "token claim '" + incorrect.getClaimName() + "' is invalid";
        }
        if (e instanceof JWTDecodeException) {
            return "token is malformed";
        }
        return "token is invalid";
    }
}
