package org.fleettracker.broker.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.700Z");

    private final byte[] secret = TokenAuthenticationIT.randomSecret();
    private final AccessTokens tokens = at(NOW);

    @Test
    void issued_token_carries_every_claim() {
        IssuedToken issued = tokens.issue("dispatcher", "dispatcher");

        DecodedJWT decoded = JWT.decode(issued.token());
        assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
        assertThat(decoded.getSubject()).isEqualTo("dispatcher");
        assertThat(decoded.getIssuer()).isEqualTo("fleet-tracker");
        assertThat(decoded.getAudience()).containsExactly("mqtt");
        assertThat(decoded.getIssuedAtAsInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(decoded.getId()).isNotBlank();
        assertThat(decoded.getClaim("role").asString()).isEqualTo("dispatcher");
    }

    @Test
    void issued_expiry_is_reported_in_whole_seconds() {
        IssuedToken issued = tokens.issue("dispatcher", null);

        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    }

    @Test
    void every_token_has_its_own_id() {
        String first = JWT.decode(tokens.issue("viewer", null).token()).getId();
        String second = JWT.decode(tokens.issue("viewer", null).token()).getId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void token_is_valid_within_clock_skew_after_expiry() {
        String token = tokens.issue("viewer", null).token();

        TokenVerification result =
                at(NOW.plus(Duration.ofMinutes(15)).plusSeconds(29)).verify(token);

        assertThat(result).isInstanceOf(TokenVerification.Valid.class);
    }

    @Test
    void token_is_expired_after_clock_skew() {
        String token = tokens.issue("viewer", null).token();

        TokenVerification result =
                at(NOW.plus(Duration.ofMinutes(15)).plusSeconds(31)).verify(token);

        assertThat(result).isEqualTo(new TokenVerification.Invalid("token expired"));
    }

    @Test
    void token_of_other_issuer_is_rejected() {
        String token = JWT.create()
                .withIssuer("someone-else")
                .withAudience(AccessTokens.AUDIENCE)
                .withSubject("viewer")
                .withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(60))
                .withJWTId("id-1")
                .sign(Algorithm.HMAC256(secret));

        assertThat(tokens.verify(token)).isEqualTo(new TokenVerification.Invalid("token claim 'iss' is invalid"));
    }

    @Test
    void token_without_expiry_is_rejected() {
        String token = JWT.create()
                .withIssuer(AccessTokens.ISSUER)
                .withAudience(AccessTokens.AUDIENCE)
                .withSubject("viewer")
                .withIssuedAt(NOW)
                .withJWTId("id-2")
                .sign(Algorithm.HMAC256(secret));

        assertThat(tokens.verify(token)).isEqualTo(new TokenVerification.Invalid("token claim 'exp' is missing"));
    }

    @Test
    void short_secret_is_rejected() {
        assertThatThrownBy(() -> new AccessTokens(new byte[31], AccessTokens.DEFAULT_LIFETIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 86_401})
    void lifetime_out_of_range_is_rejected(long seconds) {
        assertThatThrownBy(() -> new AccessTokens(secret, Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1 s, 86400 s]");
    }

    @Test
    void issued_token_hides_its_value_in_to_string() {
        IssuedToken issued = tokens.issue("viewer", null);

        assertThat(issued.toString()).doesNotContain(issued.token()).contains("viewer");
    }

    private AccessTokens at(Instant instant) {
        return new AccessTokens(
                secret,
                AccessTokens.DEFAULT_LIFETIME,
                AccessTokens.DEFAULT_CLOCK_SKEW,
                Clock.fixed(instant, ZoneOffset.UTC));
    }
}
