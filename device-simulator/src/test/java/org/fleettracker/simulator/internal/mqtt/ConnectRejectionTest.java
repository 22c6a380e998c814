package org.fleettracker.simulator.internal.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectRejectionTest {

    @ParameterizedTest
    @ValueSource(ints = {0x84, 0x85, 0x86, 0x87, 0x8A, 0x8C})
    void client_side_reason_codes_are_permanent(int reasonCode) {
        ConnectRejection rejection = ConnectRejection.ofPermanent(reasonCode);

        assertThat(rejection).isNotNull();
        assertThat(rejection.reasonCode()).isEqualTo(reasonCode);
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0x80,
                0x88,
                0x89,
                0x9F,
                MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR,
                MqttClientException.REASON_CODE_CLIENT_TIMEOUT
            })
    void other_reason_codes_are_retried(int reasonCode) {
        assertThat(ConnectRejection.ofPermanent(reasonCode)).isNull();
    }

    @Test
    void reason_code_hex_uses_upper_case_digits() {
        ConnectRejection rejection = ConnectRejection.ofPermanent(0x8A);

        assertThat(rejection).isNotNull();
        assertThat(rejection.reasonCodeHex()).isEqualTo("0x8A");
    }
}
