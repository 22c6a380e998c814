package org.fleettracker.broker.api;

import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every role against every action on topics of its own vehicle, another vehicle of its fleet, another fleet, and
 * wildcards over its fleet and over all fleets. The expected outcome of each case is listed in {@link #ALLOWED}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PermissionMatrixIT {

    private static final Logger log = LoggerFactory.getLogger(PermissionMatrixIT.class);
    private static final int NOT_AUTHORIZED = 0x87;

    enum Role {
        VEHICLE(TestUsers.DEMO_VEHICLES, "bus-1"),
        TRACKER(TestUsers.TRACKER, "tracker-1"),
        DISPATCHER(TestUsers.DISPATCHER, "console-1"),
        VIEWER(TestUsers.VIEWER, "screen-1"),
        ADMIN(TestUsers.ADMIN, "admin-1");

        final String username;
        final String clientId;

        Role(String username, String clientId) {
            this.username = username;
            this.clientId = clientId;
        }
    }

    enum Action {
        PUBLISH_TELEMETRY,
        PUBLISH_PRESENCE,
        PUBLISH_STATE,
        PUBLISH_REJECTS,
        SUBSCRIBE_TELEMETRY,
        SUBSCRIBE_PRESENCE,
        SUBSCRIBE_STATE,
        SUBSCRIBE_REJECTS,
        SUBSCRIBE_SHARED_TELEMETRY;

        boolean isPublish() {
            return name().startsWith("PUBLISH");
        }
    }

    /** The vehicle and fleet levels of the topic; the vehicle role connects as bus-1 of fleet demo. */
    enum Target {
        OWN_VEHICLE("demo", "bus-1"),
        OTHER_VEHICLE("demo", "bus-2"),
        OTHER_FLEET("north", "bus-3"),
        FLEET_WILDCARD("demo", "+"),
        ALL_FLEETS("+", "+");

        final String fleetLevel;
        final String vehicleLevel;

        Target(String fleetLevel, String vehicleLevel) {
            this.fleetLevel = fleetLevel;
            this.vehicleLevel = vehicleLevel;
        }

        boolean hasWildcard() {
            return "+".equals(vehicleLevel);
        }
    }

    private static final Set<Target> OWN_FLEET =
            EnumSet.of(Target.OWN_VEHICLE, Target.OTHER_VEHICLE, Target.FLEET_WILDCARD);
    private static final Set<Target> NAMED_VEHICLES =
            EnumSet.of(Target.OWN_VEHICLE, Target.OTHER_VEHICLE, Target.OTHER_FLEET);

    /** The cases that must be allowed; every other case must be denied. */
    private static final Map<Role, Map<Action, Set<Target>>> ALLOWED = new EnumMap<>(Map.of(
            Role.VEHICLE,
            Map.of(
                    Action.PUBLISH_TELEMETRY, EnumSet.of(Target.OWN_VEHICLE),
                    Action.PUBLISH_PRESENCE, EnumSet.of(Target.OWN_VEHICLE)),
            Role.TRACKER,
            Map.of(
                    Action.PUBLISH_STATE,
                    NAMED_VEHICLES,
                    Action.PUBLISH_REJECTS,
                    NAMED_VEHICLES,
                    Action.SUBSCRIBE_PRESENCE,
                    EnumSet.allOf(Target.class),
                    Action.SUBSCRIBE_SHARED_TELEMETRY,
                    EnumSet.allOf(Target.class)),
            Role.DISPATCHER,
            Map.of(
                    Action.SUBSCRIBE_TELEMETRY, OWN_FLEET,
                    Action.SUBSCRIBE_PRESENCE, OWN_FLEET,
                    Action.SUBSCRIBE_STATE, OWN_FLEET,
                    Action.SUBSCRIBE_REJECTS, OWN_FLEET),
            Role.VIEWER,
            Map.of(Action.SUBSCRIBE_STATE, OWN_FLEET),
            Role.ADMIN,
            Map.of()));

    private static final AtomicInteger allowedCount = new AtomicInteger();
    private static final AtomicInteger deniedCount = new AtomicInteger();
    private static final Map<Role, MqttTestClient> clients = new EnumMap<>(Role.class);

    @TempDir
    static Path folder;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path usersFile = TestUsers.write(folder);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        clients.values().forEach(MqttTestClient::close);
        broker.close();
        log.info(
                "Permission matrix: {} cases, {} allowed, {} denied",
                allowedCount.get() + deniedCount.get(),
                allowedCount.get(),
                deniedCount.get());
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Action action : Action.values()) {
                for (Target target : Target.values()) {
                    if (action.isPublish() && target.hasWildcard()) {
                        continue;
                    }
                    cases.add(Arguments.of(role, action, target, isAllowed(role, action, target)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} allowed={3}")
    @MethodSource("cases")
    void role_action_target(Role role, Action action, Target target, boolean expectedAllowed) throws Exception {
        MqttTestClient client = connectedClient(role);

        boolean allowed = action.isPublish() ? publish(client, action, target) : subscribe(client, action, target);

        (allowed ? allowedCount : deniedCount).incrementAndGet();
        assertThat(allowed).isEqualTo(expectedAllowed);
        if (!allowed && action.isPublish()) {
            // HiveMQ closes the connection after a denied PUBLISH; wait so the next case starts a new one.
            await().atMost(Duration.ofSeconds(10)).until(client::wasDisconnectedByBroker);
        }
    }

    private static boolean isAllowed(Role role, Action action, Target target) {
        return role == Role.ADMIN
                || ALLOWED.get(role).getOrDefault(action, Set.of()).contains(target);
    }

    private static boolean publish(MqttTestClient client, Action action, Target target) {
        String fleet = target.fleetLevel;
        String vehicle = target.vehicleLevel;
        int reasonCode =
                switch (action) {
                    case PUBLISH_TELEMETRY -> client.publish(Topics.telemetry(fleet, vehicle), "{}", 1, false);
                    case PUBLISH_PRESENCE -> client.publish(Topics.presence(fleet, vehicle), "online", 1, true);
                    case PUBLISH_STATE -> client.publish(Topics.state(fleet, vehicle), "{}", 1, true);
                    case PUBLISH_REJECTS -> client.publish(Topics.rejects(fleet), "{}", 1, false);
                    default -> throw new IllegalArgumentException(action + " is not a publish");
                };
        assertThat(reasonCode)
                .satisfiesAnyOf(
                        code -> assertThat(MqttTestClient.accepted(code)).isTrue(),
                        code -> assertThat(code).isEqualTo(NOT_AUTHORIZED));
        return MqttTestClient.accepted(reasonCode);
    }

    private static boolean subscribe(MqttTestClient client, Action action, Target target) {
        String vehiclePrefix = "fleet/" + target.fleetLevel + "/vehicles/" + target.vehicleLevel + "/";
        String filter =
                switch (action) {
                    case SUBSCRIBE_TELEMETRY -> vehiclePrefix + "telemetry";
                    case SUBSCRIBE_PRESENCE -> vehiclePrefix + "presence";
                    case SUBSCRIBE_STATE -> vehiclePrefix + "state";
                    case SUBSCRIBE_REJECTS -> "fleet/" + target.fleetLevel + "/rejects";
                    case SUBSCRIBE_SHARED_TELEMETRY -> "$share/trackers/" + vehiclePrefix + "telemetry";
                    default -> throw new IllegalArgumentException(action + " is not a subscribe");
                };
        int reasonCode = client.subscribe(filter);
        assertThat(reasonCode).isIn(1, NOT_AUTHORIZED);
        return reasonCode == 1;
    }

    private static MqttTestClient connectedClient(Role role) throws Exception {
        MqttTestClient client = clients.get(role);
        if (client != null && client.isConnected() && !client.wasDisconnectedByBroker()) {
            return client;
        }
        if (client != null) {
            client.close();
        }
        MqttTestClient fresh = MqttTestClient.connect(
                broker.serverUri(), role.clientId, role.username, TestUsers.passwordOf(role.username));
        clients.put(role, fresh);
        return fresh;
    }
}
