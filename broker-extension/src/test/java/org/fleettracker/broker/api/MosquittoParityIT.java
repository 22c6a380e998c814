package org.fleettracker.broker.api;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.broker.testing.MosquittoProcess;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same permission cases against the broker extension and against Mosquitto with the shipped
 * {@code config/mosquitto} ACL, for the demo fleet's accounts with one vehicle account per vehicle. Each case states
 * both verdicts; the cases where they differ are the limits of Mosquitto that docs/deployment.md lists.
 *
 * <p>Mosquitto grants every SUBSCRIBE and filters what it delivers, so a read is checked by delivery: the admin
 * publishes a message and the subscriber must receive it, or must receive nothing for half a second.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MosquittoParityIT {

    private static final String FLEET = "demo";
    private static final List<String> ACCOUNTS = List.of("tracker", "dispatcher", "viewer", "admin", "alice");
    private static final List<String> VEHICLES = List.of("sim-01", "sim-02");
    private static final Duration SILENCE = Duration.ofMillis(500);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path folder;

    private static @Nullable EmbeddedBroker extensionBroker;
    private static @Nullable MosquittoProcess mosquitto;

    private enum Action {
        PUBLISH,
        PUBLISH_RETAINED,
        READ
    }

    /**
     * One check: {@code user} connects as {@code clientId} and publishes to {@code topic}, or subscribes to
     * {@code filter} and waits for a message the admin publishes on {@code topic}.
     */
    record Case(
            String user,
            String clientId,
            Action action,
            @Nullable String filter,
            String topic,
            boolean extensionAllows,
            boolean mosquittoAllows) {

        static Case publish(String user, String clientId, String topic, boolean allowed) {
            return new Case(user, clientId, Action.PUBLISH, null, topic, allowed, allowed);
        }

        static Case read(String user, String filter, String topic, boolean allowed) {
            return new Case(user, user + "-reader", Action.READ, filter, topic, allowed, allowed);
        }

        /** A read by a vehicle account, whose client id must be its vehicle id. */
        static Case vehicleRead(String vehicle, String filter, String topic, boolean allowed) {
            return new Case(vehicle, vehicle, Action.READ, filter, topic, allowed, allowed);
        }

        Case differs(boolean extension, boolean onMosquitto) {
            return new Case(user, clientId, action, filter, topic, extension, onMosquitto);
        }

        @Override
        public String toString() {
            String what = action == Action.READ ? "reads " + filter + " <- " + topic : action + " " + topic;
            return user + " as " + clientId + " " + what;
        }
    }

    static List<Case> cases() {
        return List.of(
                Case.publish("sim-01", "sim-01", "fleet/demo/vehicles/sim-01/telemetry", true),
                Case.publish("sim-01", "sim-01", "fleet/demo/vehicles/sim-01/presence", true),
                Case.publish("sim-01", "sim-01", "fleet/demo/vehicles/sim-01/command-acks", true),
                Case.publish("sim-01", "sim-01", "fleet/demo/vehicles/sim-02/telemetry", false),
                Case.publish("sim-01", "sim-01", "fleet/north/vehicles/sim-01/telemetry", false),
                Case.publish("sim-01", "sim-01", "fleet/demo/vehicles/sim-01/state", false),
                Case.publish("sim-01", "sim-01", "fleet/demo/vehicles/sim-01/commands", false),
                Case.publish("sim-01", "sim-01", "owntracks/sim-01/phone", false),
                // Mosquitto does not tie a client id to an account: the extension refuses sim-01 as sim-02.
                Case.publish("sim-01", "sim-02", "fleet/demo/vehicles/sim-01/telemetry", false)
                        .differs(false, true),
                Case.publish("tracker", "tracker-1", "fleet/demo/vehicles/sim-01/state", true),
                Case.publish("tracker", "tracker-1", "fleet/demo/events", true),
                Case.publish("tracker", "tracker-1", "fleet/demo/rejects", true),
                Case.publish("tracker", "tracker-1", "fleet/demo/vehicles/sim-01/commands", true),
                Case.publish("tracker", "tracker-1", "fleet/demo/vehicles/sim-01/telemetry", false),
                Case.publish("tracker", "tracker-1", "fleet/demo/vehicles/tracker/telemetry", false),
                // Mosquitto cannot limit the retained flag per topic; the extension allows it on state and presence.
                new Case("tracker", "tracker-1", Action.PUBLISH_RETAINED, null, "fleet/demo/events", false, true),
                Case.publish("dispatcher", "console-1", "fleet/demo/vehicles/sim-01/commands", true),
                Case.publish("dispatcher", "console-1", "fleet/north/vehicles/sim-01/commands", false),
                Case.publish("dispatcher", "console-1", "fleet/demo/vehicles/dispatcher/telemetry", false),
                Case.publish("dispatcher", "console-1", "fleet/demo/events", false),
                Case.publish("viewer", "screen-1", "fleet/demo/vehicles/sim-01/commands", false),
                Case.publish("alice", "phone-1", "owntracks/alice/phone", true),
                Case.publish("alice", "phone-1", "owntracks/alice/phone/event", true),
                Case.publish("alice", "phone-1", "owntracks/alice/phone/unknown-level", false),
                Case.publish("alice", "phone-1", "owntracks/bob/phone", false),
                Case.read(
                        "tracker",
                        "$share/trackers/fleet/+/vehicles/+/telemetry",
                        "fleet/demo/vehicles/sim-01/telemetry",
                        true),
                Case.read("tracker", "fleet/+/vehicles/+/presence", "fleet/demo/vehicles/sim-01/presence", true),
                Case.read(
                        "tracker", "fleet/+/vehicles/+/command-acks", "fleet/demo/vehicles/sim-01/command-acks", true),
                Case.read("tracker", "owntracks/+/+", "owntracks/alice/phone", true),
                Case.read("dispatcher", "fleet/demo/vehicles/+/state", "fleet/demo/vehicles/sim-01/state", true),
                Case.read("dispatcher", "fleet/demo/events", "fleet/demo/events", true),
                Case.read(
                        "dispatcher",
                        "fleet/demo/vehicles/+/command-acks",
                        "fleet/demo/vehicles/sim-01/command-acks",
                        true),
                Case.read("dispatcher", "fleet/north/events", "fleet/north/events", false),
                // Mosquitto would let any reader of telemetry join the trackers' share group, so dispatchers get none.
                Case.read("dispatcher", "fleet/demo/vehicles/+/telemetry", "fleet/demo/vehicles/sim-01/telemetry", true)
                        .differs(true, false),
                Case.read(
                        "dispatcher",
                        "$share/trackers/fleet/demo/vehicles/+/telemetry",
                        "fleet/demo/vehicles/sim-01/telemetry",
                        false),
                Case.read("viewer", "fleet/demo/vehicles/+/state", "fleet/demo/vehicles/sim-01/state", true),
                Case.read("viewer", "fleet/demo/events", "fleet/demo/events", false),
                Case.vehicleRead(
                        "sim-01", "fleet/demo/vehicles/sim-01/commands", "fleet/demo/vehicles/sim-01/commands", true),
                Case.read(
                        "sim-01", "fleet/demo/vehicles/sim-02/commands", "fleet/demo/vehicles/sim-02/commands", false),
                Case.read("alice", "owntracks/alice/#", "owntracks/alice/phone/cmd", true),
                Case.read("alice", "owntracks/bob/#", "owntracks/bob/phone", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void extension_gives_expected_verdict(Case check) throws Exception {
        String serverUri = extensionBroker().serverUri();

        boolean allowed = allowed(serverUri, check, check.extensionAllows());

        assertThat(allowed).as("%s on the broker extension", check).isEqualTo(check.extensionAllows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mosquitto_gives_expected_verdict(Case check) throws Exception {
        String serverUri = mosquitto().serverUri();

        boolean allowed = allowed(serverUri, check, check.mosquittoAllows());

        assertThat(allowed).as("%s on Mosquitto", check).isEqualTo(check.mosquittoAllows());
    }

    @AfterAll
    static void stopBrokers() throws InterruptedException {
        if (extensionBroker != null) {
            extensionBroker.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /**
     * Returns whether the broker lets the case through. A read that should be denied is given half a second to
     * arrive, one that should be allowed up to 10 s.
     */
    private static boolean allowed(String serverUri, Case check, boolean expected) throws MqttException {
        MqttTestClient client;
        try {
            client = MqttTestClient.connect(serverUri, check.clientId(), check.user(), passwordOf(check.user()));
        } catch (MqttException e) {
            // The extension refuses a vehicle account's CONNECT with another vehicle's client id.
            return false;
        }
        try (client) {
            return switch (check.action()) {
                case PUBLISH -> MqttTestClient.accepted(client.publish(check.topic(), "x", 1, false));
                case PUBLISH_RETAINED -> MqttTestClient.accepted(client.publish(check.topic(), "x", 1, true));
                case READ -> receives(serverUri, client, check, expected ? DELIVERY_TIMEOUT : SILENCE);
            };
        }
    }

    /** Subscribes, lets the admin publish a unique message, and returns whether it arrives within {@code wait}. */
    private static boolean receives(String serverUri, MqttTestClient subscriber, Case check, Duration wait)
            throws MqttException {
        subscriber.subscribe(check.filter());
        String payload = UUID.randomUUID().toString();
        try (MqttTestClient admin =
                MqttTestClient.connect(serverUri, "admin-" + payload, "admin", passwordOf("admin"))) {
            assertThat(MqttTestClient.accepted(admin.publish(check.topic(), payload, 1, false)))
                    .as("the admin's publish on %s", check.topic())
                    .isTrue();
        }
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(20)).until(() -> subscriber.received().stream()
                    .anyMatch(message -> message.payload().equals(payload)));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static String passwordOf(String user) {
        return user + "-pw";
    }

    private static synchronized EmbeddedBroker extensionBroker() throws IOException {
        if (extensionBroker == null) {
            Path users = folder.resolve("users.yaml");
            Files.writeString(users, usersYaml(), StandardCharsets.UTF_8);
            extensionBroker = EmbeddedBroker.builder()
                    .port(0)
                    .dataDir(folder.resolve("extension-broker"))
                    .extension(new FleetSecurityExtension(users))
                    .build()
                    .start(Duration.ofSeconds(60));
        }
        return extensionBroker;
    }

    private static synchronized MosquittoProcess mosquitto() throws IOException, InterruptedException {
        if (mosquitto == null) {
            MosquittoProcess.Builder builder = MosquittoProcess.builder(folder.resolve("mosquitto"));
            ACCOUNTS.forEach(user -> builder.account(user, passwordOf(user)));
            VEHICLES.forEach(vehicle -> builder.account(vehicle, passwordOf(vehicle)));
            mosquitto = builder.start();
        }
        return mosquitto;
    }

    /** Returns the extension's users file with the accounts that the shipped Mosquitto ACL knows. */
    private static String usersYaml() {
        StringBuilder yaml = new StringBuilder("users:\n")
                .append(TestUsers.entry("tracker", "tracker", "[]"))
                .append(TestUsers.entry("dispatcher", "dispatcher", "[" + FLEET + "]"))
                .append(TestUsers.entry("viewer", "viewer", "[" + FLEET + "]"))
                .append(TestUsers.entry("admin", "admin", "[]"))
                .append(TestUsers.entry("alice", "owntracks", "[]"));
        for (String vehicle : VEHICLES) {
            yaml.append(TestUsers.entry(vehicle, "vehicle", "[" + FLEET + "]"))
                    .append("    vehicles: [")
                    .append(vehicle)
                    .append("]\n");
        }
        return yaml.toString();
    }
}
