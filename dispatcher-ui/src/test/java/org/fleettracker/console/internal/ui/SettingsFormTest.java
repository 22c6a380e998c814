package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsFormTest {

    private static final ConsoleSettings CURRENT = ConsoleSettings.of(
                    "tcp://127.0.0.1:1883", "demo", "dispatcher", "secret")
            .withTileUrl(ConsoleSettings.DEFAULT_TILE_URL);

    private static SettingsForm valid() {
        return SettingsForm.of(CURRENT);
    }

    @Test
    void unchanged_form_gives_the_same_settings() {
        assertThat(valid().applyTo(CURRENT)).isEqualTo(CURRENT);
    }

    @Test
    void form_applies_every_field() {
        SettingsForm form =
                new SettingsForm("tcp://10.0.0.5:1884", "http://127.0.0.1:8080", "north", "", "0", Theme.DARK);

        ConsoleSettings applied = form.applyTo(CURRENT);

        assertThat(applied.brokerUri()).isEqualTo("tcp://10.0.0.5:1884");
        assertThat(applied.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(applied.fleetIds()).containsExactly("north");
        assertThat(applied.tileUrl()).isNull();
        assertThat(applied.sessionExpiry()).isEqualTo(Duration.ZERO);
        assertThat(applied.theme()).isEqualTo(Theme.DARK);
        assertThat(applied.password()).isEqualTo("secret");
    }

    @Test
    void empty_api_url_means_none() {
        SettingsForm form = new SettingsForm(
                CURRENT.brokerUri(), " ", "demo", ConsoleSettings.DEFAULT_TILE_URL, "3600", Theme.LIGHT);

        assertThat(form.applyTo(CURRENT.withApiUrl(URI.create("http://127.0.0.1:8080")))
                        .apiUrl())
                .isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "broker|http://127.0.0.1:1883|must look like tcp://host:port or ssl://host:port",
                "broker|not a uri|is not a URI",
                "api|ftp://127.0.0.1|must look like http://host:port",
                "api|http://bad host|API URL 'http://bad host' is not a URI",
                "fleet|bad fleet|fleet id 'bad fleet' is invalid",
                "fleet|''|give at least one fleet id",
                "fleet|north, ,south|has an empty fleet id",
                "tile|https://tiles.example/{z}/{x}.png|must be an http:// or https:// template with {z}, {x} and {y}",
                "expiry|soon|session expiry must be a whole number of seconds, got 'soon'",
                "expiry|-5|session expiry must be 0 s to 4294967294 s"
            })
    void invalid_field_is_rejected_with_the_settings_rule(String field, String text, String message) {
        SettingsForm form = with(field, text);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> form.applyTo(CURRENT))
                .withMessageContaining(message);
    }

    @Test
    void plain_broker_with_a_trust_store_is_rejected() {
        ConsoleSettings tls = CURRENT.withBrokerUri("ssl://127.0.0.1:8883").withTrustStore(Path.of("ca.pem"), null);
        SettingsForm form = with("broker", "tcp://127.0.0.1:1883");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> form.applyTo(tls))
                .withMessageContaining("a trust store applies only to an ssl:// broker URI");
    }

    private static SettingsForm with(String field, String text) {
        SettingsForm form = valid();
        return switch (field) {
            case "broker" ->
                new SettingsForm(
                        text,
                        form.apiUrl(),
                        form.fleetIds(),
                        form.tileUrl(),
                        form.sessionExpirySeconds(),
                        form.theme());
            case "api" ->
                new SettingsForm(
                        form.brokerUri(),
                        text,
                        form.fleetIds(),
                        form.tileUrl(),
                        form.sessionExpirySeconds(),
                        form.theme());
            case "fleet" ->
                new SettingsForm(
                        form.brokerUri(),
                        form.apiUrl(),
                        text,
                        form.tileUrl(),
                        form.sessionExpirySeconds(),
                        form.theme());
            case "tile" ->
                new SettingsForm(
                        form.brokerUri(),
                        form.apiUrl(),
                        form.fleetIds(),
                        text,
                        form.sessionExpirySeconds(),
                        form.theme());
            case "expiry" ->
                new SettingsForm(form.brokerUri(), form.apiUrl(), form.fleetIds(), form.tileUrl(), text, form.theme());
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }
}
