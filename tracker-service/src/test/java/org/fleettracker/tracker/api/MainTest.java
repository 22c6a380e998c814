package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.DuplicateClientIdPolicy;
import org.fleettracker.broker.api.SecuritySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {

    @TempDir
    Path folder;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @Test
    void help_lists_every_option_and_exits_0() {
        int exitCode = run(Map.of(), "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("--mqtt-port", "--http-port", "--bind-address", "--data-dir", "--users-file")
                .contains("--broker-url", "--mqtt-username", "--mqtt-password", "--mqtt-client-id", "--config")
                .contains("--token-secret-file", "--token-lifetime");
    }

    @Test
    void unknown_option_exits_2_with_message() {
        int exitCode = run(Map.of(), "--no-such-option");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void non_numeric_port_exits_2() {
        int exitCode = run(Map.of(), "--http-port", "eighty");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("eighty");
    }

    @Test
    void without_options_or_file_settings_are_the_defaults() {
        TrackerSettings settings = parse(Map.of(), "--config", writeConfig(""));

        assertThat(settings).isEqualTo(TrackerSettings.builder().build());
    }

    @Test
    void config_file_sets_values_and_options_override_it() {
        String config = writeConfig("mqtt-port=22001\nhttp-port=22002\ndata-dir=/tmp/x\nbatch-max-size=42\n");

        TrackerSettings settings = parse(Map.of(), "--config", config, "--http-port", "22003");

        assertThat(settings.mqttPort()).isEqualTo(22001);
        assertThat(settings.httpPort()).isEqualTo(22003);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(settings.batchMaxSize()).isEqualTo(42);
    }

    @Test
    void database_url_and_retry_delays_come_from_file_and_option() {
        String config = writeConfig(
                "db-url=jdbc:h2:tcp://127.0.0.1:1/file\ndb-retry-delay-ms=50\n" + "db-retry-max-delay-ms=800\n");

        TrackerSettings fromFile = parse(Map.of(), "--config", config);
        TrackerSettings fromOption = parse(Map.of(), "--config", config, "--db-url", "jdbc:h2:tcp://127.0.0.1:2/x");

        assertThat(fromFile.dbUrl()).isEqualTo("jdbc:h2:tcp://127.0.0.1:1/file");
        assertThat(fromFile.dbRetryDelayMs()).isEqualTo(50);
        assertThat(fromFile.dbRetryMaxDelayMs()).isEqualTo(800);
        assertThat(fromOption.dbUrl()).isEqualTo("jdbc:h2:tcp://127.0.0.1:2/x");
    }

    @Test
    void settings_text_hides_database_password() {
        TrackerSettings settings = TrackerSettings.builder()
                .dbUrl("jdbc:h2:tcp://127.0.0.1:1/x;USER=sa;PASSWORD=secret;MODE=Regular")
                .build();

        assertThat(settings.toString()).doesNotContain("secret").contains("PASSWORD=***;MODE=Regular");
    }

    @Test
    void postgresql_user_and_password_come_from_option_file_and_environment() {
        String config = writeConfig("db-url=jdbc:postgresql://127.0.0.1:5432/fleet\ndb-user=from-file\n");
        Map<String, String> environment = Map.of(Main.DB_PASSWORD_ENV, "from-env");

        TrackerSettings fromFile = parse(environment, "--config", config);
        TrackerSettings fromOptions =
                parse(environment, "--config", config, "--db-user", "from-option", "--db-password", "from-option");

        assertThat(fromFile.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/fleet");
        assertThat(fromFile.dbUser()).isEqualTo("from-file");
        assertThat(fromFile.dbPassword()).isEqualTo("from-env");
        assertThat(fromOptions.dbUser()).isEqualTo("from-option");
        assertThat(fromOptions.dbPassword()).isEqualTo("from-option");
    }

    @Test
    void settings_text_hides_postgresql_passwords() {
        TrackerSettings settings = TrackerSettings.builder()
                .dbUrl("jdbc:postgresql://127.0.0.1/fleet?password=in-url&ssl=true")
                .dbUser("fleet")
                .dbPassword("in-setting")
                .build();

        assertThat(settings.toString())
                .doesNotContain("in-url")
                .doesNotContain("in-setting")
                .contains("password=***&ssl=true")
                .contains("dbUser=fleet, dbPassword=***");
    }

    @Test
    void unsupported_database_url_is_rejected() {
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", "jdbc:mysql://127.0.0.1/fleet"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unsupported database URL jdbc:mysql://127.0.0.1/fleet");
    }

    @Test
    void password_comes_from_environment_unless_option_is_given() {
        Map<String, String> environment = Map.of(Main.PASSWORD_ENV, "from-env");
        String config = writeConfig("mqtt-password=from-file\n");

        TrackerSettings fromEnvironment = parse(environment, "--config", config);
        TrackerSettings fromOption = parse(environment, "--config", config, "--mqtt-password", "from-option");

        assertThat(fromEnvironment.mqttPassword()).isEqualTo("from-env");
        assertThat(fromOption.mqttPassword()).isEqualTo("from-option");
    }

    @Test
    void client_id_comes_from_option_then_config_then_default() {
        String config = writeConfig("mqtt-client-id=tracker-from-file\n");

        TrackerSettings fromOption = parse(Map.of(), "--config", config, "--mqtt-client-id", "tracker-b");
        TrackerSettings fromFile = parse(Map.of(), "--config", config);
        TrackerSettings byDefault = parse(Map.of(), "--config", writeConfig(""));

        assertThat(fromOption.mqttClientId()).isEqualTo("tracker-b");
        assertThat(fromFile.mqttClientId()).isEqualTo("tracker-from-file");
        assertThat(byDefault.mqttClientId()).isEqualTo(TrackerSettings.DEFAULT_MQTT_CLIENT_ID);
    }

    @Test
    void client_id_with_topic_characters_exits_2() {
        int exitCode = run(Map.of(), "--config", writeConfig(""), "--mqtt-client-id", "tracker/+");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("mqttClientId 'tracker/+' is invalid");
    }

    @Test
    void trust_store_and_its_password_come_from_option_environment_and_file() {
        Map<String, String> environment = Map.of(Main.TRUST_STORE_PASSWORD_ENV, "from-env");
        String config = writeConfig("broker-url=ssl://broker.example:8883\nmqtt-trust-store=ca-from-file.pem\n");

        TrackerSettings fromFile = parse(environment, "--config", config);
        TrackerSettings fromOption = parse(
                environment, "--config", config, "--mqtt-trust-store", "ca.p12", "--mqtt-trust-store-password", "pw");

        assertThat(fromFile.mqttTrustStore()).isEqualTo(Path.of("ca-from-file.pem"));
        assertThat(fromFile.mqttTrustStorePassword()).isEqualTo("from-env");
        assertThat(fromOption.mqttTrustStore()).isEqualTo(Path.of("ca.p12"));
        assertThat(fromOption.mqttTrustStorePassword()).isEqualTo("pw");
        assertThat(fromOption.toString()).doesNotContain("=pw").contains("mqttTrustStorePassword=***");
    }

    @Test
    void trust_store_without_tls_broker_url_exits_2() {
        int exitCode = run(
                Map.of(),
                "--config",
                writeConfig(""),
                "--broker-url",
                "tcp://127.0.0.1:1883",
                "--mqtt-trust-store",
                "ca.pem");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("applies only to an ssl:// or wss:// broker URL");
    }

    @Test
    void invalid_config_value_exits_2() {
        String config = writeConfig("mqtt-port=99999\n");

        int exitCode = run(Map.of(), "--config", config);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("mqttPort 99999");
    }

    @Test
    void missing_config_file_exits_2() {
        int exitCode =
                run(Map.of(), "--config", folder.resolve("missing.properties").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("missing.properties");
    }

    @Test
    void settings_text_hides_the_password() {
        TrackerSettings settings = parse(Map.of(), "--config", writeConfig(""), "--mqtt-password", "s3cret");

        assertThat(settings.toString()).doesNotContain("s3cret").contains("mqttPassword=***");
    }

    @Test
    void token_options_set_secret_file_and_lifetime() {
        TrackerSettings settings = parse(
                Map.of(), "--config", writeConfig(""), "--token-secret-file", "/etc/secret", "--token-lifetime", "2h");

        assertThat(settings.tokenSecretFile()).isEqualTo(Path.of("/etc/secret"));
        assertThat(settings.tokenLifetimeSeconds()).isEqualTo(7_200);
    }

    @Test
    void token_lifetime_comes_from_config_file() {
        TrackerSettings settings = parse(Map.of(), "--config", writeConfig("token-lifetime=PT5M\n"));

        assertThat(settings.tokenLifetimeSeconds()).isEqualTo(300);
    }

    @Test
    void token_lifetime_defaults_to_15_minutes() {
        TrackerSettings settings = parse(Map.of(), "--config", writeConfig(""));

        assertThat(settings.tokenLifetimeSeconds()).isEqualTo(900);
        assertThat(settings.tokenSecretFile()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "25h", "15", "fifteen", "PT0.5S"})
    void invalid_token_lifetime_exits_2(String lifetime) {
        int exitCode = run(Map.of(), "--config", writeConfig(""), "--token-lifetime", lifetime);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("token");
    }

    @Test
    void invalid_token_lifetime_in_config_file_exits_2() {
        int exitCode = run(Map.of(), "--config", writeConfig("token-lifetime=forever\n"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("token-lifetime 'forever'");
    }

    @Test
    void missing_users_file_exits_2_before_starting() {
        Path missing = folder.resolve("no-such-users.yaml");

        int exitCode = run(Map.of(), "--config", writeConfig(""), "--users-file", missing.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-users.yaml does not exist");
    }

    @Test
    void invalid_owntracks_file_exits_2_before_starting() throws Exception {
        Path users = Files.writeString(folder.resolve("users.yaml"), "users: []\n", StandardCharsets.UTF_8);
        Path owntracks = Files.writeString(
                folder.resolve("owntracks.yaml"),
                "devices:\n  - user: alice\n    device: my phone\n    fleet: demo\n    vehicle: v1\n",
                StandardCharsets.UTF_8);

        int exitCode = run(
                Map.of(),
                "--config",
                writeConfig(""),
                "--users-file",
                users.toString(),
                "--owntracks-file",
                owntracks.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("owntracks.yaml is invalid", "device entry 1 has device 'my phone'");
    }

    @Test
    void invalid_geofences_file_exits_2_naming_the_feature() throws Exception {
        Path users = Files.writeString(folder.resolve("users.yaml"), "users: []\n", StandardCharsets.UTF_8);
        Path geofences = Files.writeString(
                folder.resolve("geofences.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                        + "{\"id\":\"a\",\"fleetId\":\"demo\",\"radiusM\":-5},"
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[14.5,46]}}]}",
                StandardCharsets.UTF_8);

        int exitCode = run(
                Map.of(),
                "--config",
                writeConfig(""),
                "--users-file",
                users.toString(),
                "--geofences-file",
                geofences.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("geofences.geojson is invalid", "features[0].properties.radiusM");
    }

    @Test
    void geofences_file_comes_from_option_then_config_then_default() {
        assertThat(parse(Map.of(), "--config", writeConfig("")).geofencesFile())
                .isEqualTo(Path.of("config", "geofences.geojson"));
        assertThat(parse(Map.of(), "--config", writeConfig("geofences-file=/etc/g.geojson\n"))
                        .geofencesFile())
                .isEqualTo(Path.of("/etc/g.geojson"));
        assertThat(parse(
                                Map.of(),
                                "--config",
                                writeConfig("geofences-file=/etc/g.geojson\n"),
                                "--geofences-file",
                                "x.geojson")
                        .geofencesFile())
                .isEqualTo(Path.of("x.geojson"));
    }

    @Test
    void owntracks_file_comes_from_option_then_config_then_default() {
        assertThat(parse(Map.of(), "--config", writeConfig("")).owntracksFile())
                .isEqualTo(Path.of("config", "owntracks.yaml"));
        assertThat(parse(Map.of(), "--config", writeConfig("owntracks-file=/etc/ot.yaml\n"))
                        .owntracksFile())
                .isEqualTo(Path.of("/etc/ot.yaml"));
        assertThat(parse(
                                Map.of(),
                                "--config",
                                writeConfig("owntracks-file=/etc/ot.yaml\n"),
                                "--owntracks-file",
                                "x.yaml")
                        .owntracksFile())
                .isEqualTo(Path.of("x.yaml"));
    }

    @Test
    void broker_limits_come_from_security_keys_of_the_config_file() {
        String config = writeConfig(
                "security.login.max-failures-per-client-id=3\n" + "security.client-id.duplicate-policy=reject-new\n");

        TrackerSettings settings = parse(Map.of(), "--config", config);

        assertThat(settings.brokerSecurity().maxFailedLoginsPerClientId()).isEqualTo(3);
        assertThat(settings.brokerSecurity().duplicateClientIdPolicy()).isEqualTo(DuplicateClientIdPolicy.REJECT_NEW);
    }

    @Test
    void misspelt_key_in_config_file_is_an_error() {
        String config = writeConfig("securty.login.max-failures-per-client-id=3\n");

        assertThatThrownBy(() -> parse(Map.of(), "--config", config))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unknown key 'securty.login.max-failures-per-client-id'");
    }

    @Test
    void shipped_config_file_is_accepted() {
        TrackerSettings settings = parse(Map.of(), "--config", "../config/tracker.properties");

        assertThat(settings.brokerSecurity()).isEqualTo(SecuritySettings.defaults());
    }

    @Test
    void broker_limits_default_without_security_keys() {
        TrackerSettings settings = parse(Map.of(), "--config", writeConfig(""));

        assertThat(settings.brokerSecurity()).isEqualTo(SecuritySettings.defaults());
    }

    @Test
    void invalid_broker_limit_exits_2() {
        int exitCode = run(Map.of(), "--config", writeConfig("security.publish.max-payload-bytes=lots\n"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("security.*", "publish.max-payload-bytes");
    }

    @Test
    void help_lists_the_tls_options() {
        int exitCode = run(Map.of(), "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("--mqtt-tls-port", "--mqtt-tls-keystore", "--mqtt-tls-keystore-password")
                .contains("--[no-]mqtt-plain", Main.TLS_KEYSTORE_PASSWORD_ENV);
    }

    @Test
    void tls_settings_come_from_the_config_file() {
        String config = writeConfig("mqtt-tls-port=21301\nmqtt-tls-keystore=conf/broker.p12\n"
                + "mqtt-tls-keystore-password=from-file\nmqtt-plain=false\n");

        TrackerSettings settings = parse(Map.of(), "--config", config);

        assertThat(settings.mqttTlsPort()).isEqualTo(21301);
        assertThat(settings.mqttTlsKeyStore()).isEqualTo(Path.of("conf/broker.p12"));
        assertThat(settings.mqttTlsKeyStorePassword()).isEqualTo("from-file");
        assertThat(settings.mqttPlainEnabled()).isFalse();
    }

    @Test
    void tls_options_override_the_config_file() {
        String config = writeConfig("mqtt-tls-port=21301\nmqtt-tls-keystore=conf/broker.p12\nmqtt-plain=false\n");

        TrackerSettings settings = parse(
                Map.of(Main.TLS_KEYSTORE_PASSWORD_ENV, "from-env"),
                "--config",
                config,
                "--mqtt-tls-port",
                "21302",
                "--mqtt-tls-keystore",
                "other.p12",
                "--mqtt-plain");

        assertThat(settings.mqttTlsPort()).isEqualTo(21302);
        assertThat(settings.mqttTlsKeyStore()).isEqualTo(Path.of("other.p12"));
        assertThat(settings.mqttPlainEnabled()).isTrue();
    }

    @Test
    void keystore_password_comes_from_environment_unless_option_is_given() {
        Map<String, String> environment = Map.of(Main.TLS_KEYSTORE_PASSWORD_ENV, "from-env");
        String config = writeConfig("mqtt-tls-keystore=broker.p12\nmqtt-tls-keystore-password=from-file\n");

        TrackerSettings fromEnvironment = parse(environment, "--config", config);
        TrackerSettings fromOption =
                parse(environment, "--config", config, "--mqtt-tls-keystore-password", "from-option");

        assertThat(fromEnvironment.mqttTlsKeyStorePassword()).isEqualTo("from-env");
        assertThat(fromOption.mqttTlsKeyStorePassword()).isEqualTo("from-option");
    }

    @Test
    void no_plain_listener_without_keystore_exits_2() {
        int exitCode = run(Map.of(), "--config", writeConfig(""), "--no-mqtt-plain");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("no TLS key store is set");
    }

    @Test
    void keystore_without_password_exits_2() {
        int exitCode = run(Map.of(), "--config", writeConfig(""), "--mqtt-tls-keystore", "broker.p12");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("needs its password");
    }

    @Test
    void invalid_plain_flag_in_config_exits_2() {
        int exitCode = run(Map.of(), "--config", writeConfig("mqtt-plain=maybe\n"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("mqtt-plain 'maybe'");
    }

    @Test
    void settings_text_hides_the_keystore_password() {
        TrackerSettings settings = parse(
                Map.of(),
                "--config",
                writeConfig(""),
                "--mqtt-tls-keystore",
                "k.p12",
                "--mqtt-tls-keystore-password",
                "s3cret");

        assertThat(settings.toString()).doesNotContain("s3cret").contains("mqttTlsKeyStorePassword=***");
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = Main.commandLine(new Main(environment));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private static TrackerSettings parse(Map<String, String> environment, String... args) {
        Main main = new Main(environment);
        Main.commandLine(main).parseArgs(args);
        return main.settings();
    }

    private String writeConfig(String text) {
        try {
            Path file = folder.resolve("tracker-" + text.hashCode() + ".properties");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
