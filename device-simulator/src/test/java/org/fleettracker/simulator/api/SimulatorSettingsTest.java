package org.fleettracker.simulator.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "tracks/morning drive.gpx, morning-drive",
        "/tmp/Ljubljana_2024-05-01.GPX, Ljubljana_2024-05-01",
        "žička.gpx, -i-ka",
        ".gpx, .gpx"
    })
    void vehicle_id_is_derived_from_file_name(String file, String expected) {
        assertThat(SimulatorSettings.vehicleIdFromFileName(Path.of(file))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "drive.gpx, GPX",
        "drive.GPX, GPX",
        "drive.nmea, NMEA",
        "receiver.txt, NMEA",
        "receiver.log, NMEA",
        "2024-05.rec, OWNTRACKS",
        "export.csv, CSV"
    })
    void replay_format_follows_extension(String file, ReplayFormat expected) {
        SimulatorSettings settings =
                SimulatorSettings.builder().replayFile(Path.of(file)).build();

        assertThat(settings.effectiveReplayFormat()).isEqualTo(expected);
    }

    @Test
    void explicit_replay_format_overrides_extension() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .replayFile(Path.of("drive.gpx"))
                .replayFormat(ReplayFormat.CSV)
                .build();

        assertThat(settings.effectiveReplayFormat()).isEqualTo(ReplayFormat.CSV);
    }

    @Test
    void unknown_extension_without_format_is_rejected() {
        var builder = SimulatorSettings.builder().replayFile(Path.of("drive.kml"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extension 'kml'")
                .hasMessageContaining("--replay-format");
    }

    @Test
    void stopped_interval_below_interval_is_rejected() {
        var builder =
                SimulatorSettings.builder().interval(Duration.ofSeconds(5)).stoppedInterval(Duration.ofSeconds(2));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopped interval 2000 ms is shorter than the interval of 5000 ms");
    }

    @Test
    void negative_job_dwell_is_rejected() {
        var builder = SimulatorSettings.builder().jobDwell(Duration.ofSeconds(-1));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job dwell must not be negative, got -1 s");
    }

    @Test
    void gps_noise_above_100_m_is_rejected() {
        var builder = SimulatorSettings.builder().gpsNoiseM(150);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--gps-noise-m 150.0 is out of range");
    }

    @Test
    void long_file_name_is_cut_to_64() {
        String id = SimulatorSettings.vehicleIdFromFileName(Path.of("x".repeat(100) + ".gpx"));

        assertThat(id).hasSize(64);
    }

    @Test
    void generated_ids_are_zero_padded() {
        SimulatorSettings settings =
                SimulatorSettings.builder().vehicleCount(25).build();

        assertThat(settings.generatedVehicleId(7)).isEqualTo("sim-007");
    }

    @Test
    void to_string_masks_the_password() {
        SimulatorSettings settings =
                SimulatorSettings.builder().password("s3cret").build();

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void defaults_match_the_demo_setup() {
        SimulatorSettings settings = SimulatorSettings.builder().build();

        assertThat(settings.brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(settings.username()).isEqualTo("demo-vehicles");
        assertThat(settings.fleetId()).isEqualTo("demo");
        assertThat(settings.vehicleCount()).isEqualTo(25);
        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.isReplay()).isFalse();
    }

    @Test
    void invalid_broker_url_is_rejected() {
        assertThatThrownBy(() ->
                        SimulatorSettings.builder().brokerUrl("127.0.0.1:1883").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broker URL '127.0.0.1:1883' is invalid");
    }

    @Test
    void invalid_fleet_id_is_rejected() {
        assertThatThrownBy(() -> SimulatorSettings.builder().fleetId("a/b").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet id 'a/b' is invalid");
    }

    @Test
    void zero_speedup_is_rejected() {
        assertThatThrownBy(() -> SimulatorSettings.builder().speedup(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speedup");
    }

    @Test
    void trust_store_is_rejected_for_plain_url() {
        var builder =
                SimulatorSettings.builder().brokerUrl("tcp://127.0.0.1:1883").trustStore(Path.of("t.p12"), null);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applies only to ssl://");
    }

    @Test
    void to_string_hides_the_trust_store_password() {
        var settings = SimulatorSettings.builder()
                .brokerUrl("ssl://127.0.0.1:8883")
                .trustStore(Path.of("t.p12"), "trust-secret")
                .build();

        assertThat(settings.toString()).doesNotContain("trust-secret");
    }

    @Test
    void gateway_ids_follow_prefix() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .username("gw")
                .gatewayIdPrefix("gw-host2")
                .build();

        assertThat(settings.gatewayClientId(3)).isEqualTo("gw-host2-3");
        assertThat(SimulatorSettings.builder().username("gw").build().gatewayClientId(1))
                .isEqualTo("gw-1");
    }

    @Test
    void gateway_prefix_of_other_user_is_rejected() {
        var builder = SimulatorSettings.builder().username("gw").gatewayIdPrefix("gwx");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be the user name 'gw' or start with 'gw-'");
    }

    @Test
    void gateway_user_name_with_vehicle_placeholder_is_rejected() {
        var builder = SimulatorSettings.builder().username("{vehicle}").gatewayVehicles(10);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot contain {vehicle}");
    }

    @ParameterizedTest
    @CsvSource({
        "PT-0.005S, -5 ms",
        "PT0S, 0 s",
        "PT1.5S, 1500 ms",
        "PT90S, 90 s",
        "PT-2M, -2 min",
        "PT3H, 3 h",
        "PT0.0000015S, 0.0015 ms",
        "PT87840H, 87840 h"
    })
    void duration_is_described_in_plain_units(String iso, String expected) {
        assertThat(SimulatorSettings.describe(Duration.parse(iso))).isEqualTo(expected);
    }
}
