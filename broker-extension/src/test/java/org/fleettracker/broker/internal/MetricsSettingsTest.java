package org.fleettracker.broker.internal;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsSettingsTest {

    @Test
    void without_port_endpoint_is_off() {
        Properties properties = properties("login.max-failures-per-client-id", "3");

        MetricsSettings settings = MetricsSettings.extract(properties);

        assertThat(settings.port()).isNull();
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(properties.stringPropertyNames()).containsExactly("login.max-failures-per-client-id");
    }

    @Test
    void port_and_address_are_read_and_removed() {
        Properties properties = properties("metrics.port", " 9465 ", "metrics.bind-address", "0.0.0.0");

        MetricsSettings settings = MetricsSettings.extract(properties);

        assertThat(settings.port()).isEqualTo(9465);
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(properties).isEmpty();
    }

    @Test
    void non_numeric_port_is_rejected() {
        assertThatThrownBy(() -> MetricsSettings.extract(properties("metrics.port", "ninety")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics.port")
                .hasMessageContaining("'ninety'");
    }

    @Test
    void port_out_of_range_is_rejected() {
        assertThatThrownBy(() -> MetricsSettings.extract(properties("metrics.port", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> MetricsSettings.extract(properties("metrics.port", "65536")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'65536'");
    }

    @Test
    void unknown_metrics_key_is_rejected() {
        assertThatThrownBy(() -> MetricsSettings.extract(properties("metrics.path", "/m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics.path")
                .hasMessageContaining("metrics.port");
    }

    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }
}
