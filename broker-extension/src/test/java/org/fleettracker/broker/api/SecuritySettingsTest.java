package org.fleettracker.broker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTest {

    @Test
    void empty_properties_give_defaults() {
        assertThat(SecuritySettings.fromProperties(new Properties())).isEqualTo(SecuritySettings.defaults());
    }

    @Test
    void defaults_leave_tracker_unlimited() {
        assertThat(SecuritySettings.defaults().publishRateLimit("tracker").unlimited())
                .isTrue();
    }

    @Test
    void defaults_let_vehicles_flush_a_burst() {
        assertThat(SecuritySettings.defaults().publishRateLimit("vehicle")).isEqualTo(new PublishRateLimit(50, 1_000));
    }

    @Test
    void defaults_give_gateways_their_own_limit() {
        assertThat(SecuritySettings.defaults().publishRateLimit("gateway"))
                .isEqualTo(new PublishRateLimit(5_000, 50_000));
    }

    @Test
    void gateway_rate_key_is_read() {
        Properties properties = new Properties();
        properties.setProperty("publish.rate.gateway.per-second", "800");

        assertThat(SecuritySettings.fromProperties(properties).publishRateLimit("gateway"))
                .isEqualTo(new PublishRateLimit(800, 50_000));
    }

    @Test
    void properties_set_every_kind_of_value() {
        Properties properties = new Properties();
        properties.setProperty("login.max-failures-per-client-id", "7");
        properties.setProperty("login.lockout-initial-seconds", "10");
        properties.setProperty("client-id.duplicate-policy", "reject-new");
        properties.setProperty("publish.rate.vehicle.per-second", "2.5");
        properties.setProperty("publish.rate.vehicle.burst", "20");
        properties.setProperty("publish.rate.admin.per-second", "100");

        SecuritySettings settings = SecuritySettings.fromProperties(properties);

        assertThat(settings.maxFailedLoginsPerClientId()).isEqualTo(7);
        assertThat(settings.lockoutInitial()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.duplicateClientIdPolicy()).isEqualTo(DuplicateClientIdPolicy.REJECT_NEW);
        assertThat(settings.publishRateLimit("vehicle")).isEqualTo(new PublishRateLimit(2.5, 20));
        assertThat(settings.publishRateLimit("admin")).isEqualTo(new PublishRateLimit(100, 100));
    }

    @Test
    void unlimited_rate_is_accepted() {
        Properties properties = new Properties();
        properties.setProperty("publish.rate.vehicle.per-second", "unlimited");

        assertThat(SecuritySettings.fromProperties(properties).publishRateLimit("vehicle"))
                .isEqualTo(PublishRateLimit.UNLIMITED);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "login.max-failures-per-client-id | five | login.max-failures-per-client-id",
                "login.lockout-max-seconds | 0 | login.lockout-max-seconds",
                "client-id.duplicate-policy | kick | one of takeover, reject-new",
                "publish.rate.vehicle.per-second | -1 | publish.rate.vehicle.per-second",
                "publish.rate.vehicle.burst | 0 | publish.rate.vehicle.burst",
                "publish.max-payload-bytes | 0 | maxPayloadBytes must be at least 1",
                "publish.rate.pilot.per-second | 5 | Unknown security settings [publish.rate.pilot.per-second]",
                "login.max-failures | 5 | Unknown security settings [login.max-failures]"
            })
    void invalid_value_names_the_problem(String key, String value, String expectedMessagePart) {
        Properties properties = new Properties();
        properties.setProperty(key, value);

        assertThatThrownBy(() -> SecuritySettings.fromProperties(properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void lockout_max_below_initial_is_rejected() {
        assertThatThrownBy(() -> SecuritySettings.builder()
                        .lockout(Duration.ofMinutes(1), Duration.ofSeconds(10))
                        .build())
                .hasMessageContaining("lockoutMax");
    }
}
