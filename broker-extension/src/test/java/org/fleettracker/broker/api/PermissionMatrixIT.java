package org.fleettracker.broker.api;

import org.fleettracker.protocol.api.TopicKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every role against every kind of action: connect; publish each topic kind, retained and not; subscribe exactly,
 * with {@code +} and {@code #}, and as shared subscription; on topics of its own vehicle or fleet, another vehicle,
 * another fleet, and topics outside the contract. Each case runs with a real Paho client against the broker, and
 * its outcome must be the one in {@link #ALLOWED}; every case not listed there must be denied.
 *
 * <p>In a topic, {@code SELF} stands for the client id of the connection, so a vehicle case addresses the vehicle
 * that publishes, and {@code USER} for the user name, so an OwnTracks case addresses the phone's own topics. A
 * denied PUBLISH makes HiveMQ disconnect the client, so each role draws connections from a {@link ClientSupply}
 * that connects the next ones in the background.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PermissionMatrixIT {

    private static final Logger log = LoggerFactory.getLogger(PermissionMatrixIT.class);
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int GRANTED_QOS_1 = 1;
    private static final String SELF = "SELF";
    private static final String USER = "USER";
    /** Paho's code for a connection the broker closed before it acknowledged the PUBLISH. */
    private static final int SERVER_DISCONNECTED = 32204;
    /**
     * Publish cases that HiveMQ CE 2025.5 itself rejects for every client, admin included, before the extension's
     * authorizer runs: it closes the connection of a client that publishes to a topic starting with {@code $}.
     */
    private static final Set<String> REJECTED_BY_BROKER =
            Set.of("publish dollar topic", "publish dollar topic retained");

    /** A role under test, with the account and the client id prefix of its connections. */
    enum Role {
        VEHICLE(TestUsers.DEMO_VEHICLES, "car-"),
        TRACKER(TestUsers.TRACKER, "tracker-"),
        DISPATCHER(TestUsers.DISPATCHER, "console-"),
        VIEWER(TestUsers.VIEWER, "screen-"),
        ADMIN(TestUsers.ADMIN, "ops-"),
        OWNTRACKS(TestUsers.OWNTRACKS, "phone-"),
        GATEWAY(TestUsers.GATEWAY, "gw-demo-");

        final String username;
        final String clientIdPrefix;

        Role(String username, String clientIdPrefix) {
            this.username = username;
            this.clientIdPrefix = clientIdPrefix;
        }
    }

    /** Topics outside the contract or with invalid ids, published to and subscribed to by every role. */
    private static final Map<String, String> FOREIGN_TOPICS = foreignTopics();

    /** OwnTracks topics, published to retained and not by every role; {@code bob} is another OwnTracks user. */
    private static final Map<String, String> OWNTRACKS_TOPICS = Map.of(
            "owntracks own-location", "owntracks/USER/phone",
            "owntracks own-event", "owntracks/USER/phone/event",
            "owntracks own-info", "owntracks/USER/phone/info",
            "owntracks own-waypoints", "owntracks/USER/phone/waypoints",
            "owntracks own-cmd", "owntracks/USER/phone/cmd",
            "owntracks own extra level", "owntracks/USER/phone/event/extra",
            "owntracks own invalid device", "owntracks/USER/my phone",
            "owntracks other-user location", "owntracks/bob/phone",
            "owntracks other-user event", "owntracks/bob/phone/event");

    /**
     * The cases that must be allowed, by the name that {@link #publishCases()} and {@link #subscribeCases()} give
     * them; every other case must be denied. Admin may do everything.
     */
    private static final Map<Role, Set<String>> ALLOWED = new EnumMap<>(Map.of(
            Role.OWNTRACKS,
            Set.of(
                    "publish owntracks own-location",
                    "publish owntracks own-location retained",
                    "publish owntracks own-event",
                    "publish owntracks own-event retained",
                    "publish owntracks own-info",
                    "publish owntracks own-info retained",
                    "publish owntracks own-waypoints",
                    "publish owntracks own-waypoints retained",
                    "subscribe owntracks own-cmd",
                    "subscribe owntracks own-hash"),
            Role.GATEWAY,
            Set.of(
                    "publish telemetry own-vehicle",
                    "publish telemetry other-vehicle",
                    "publish presence own-vehicle",
                    "publish presence own-vehicle retained",
                    "publish presence other-vehicle",
                    "publish presence other-vehicle retained",
                    "publish command-acks own-vehicle",
                    "publish command-acks other-vehicle",
                    "subscribe commands own-vehicle",
                    "subscribe commands other-vehicle",
                    "subscribe commands fleet-plus"),
            Role.VEHICLE,
            Set.of(
                    "publish telemetry own-vehicle",
                    "publish presence own-vehicle",
                    "publish presence own-vehicle retained",
                    "publish command-acks own-vehicle",
                    "subscribe commands own-vehicle"),
            Role.TRACKER,
            Set.of(
                    "publish state own-vehicle",
                    "publish state own-vehicle retained",
                    "publish state other-vehicle",
                    "publish state other-vehicle retained",
                    "publish state other-fleet",
                    "publish state other-fleet retained",
                    "publish commands own-vehicle",
                    "publish commands other-vehicle",
                    "publish commands other-fleet",
                    "publish events own-fleet",
                    "publish events other-fleet",
                    "publish rejects own-fleet",
                    "publish rejects other-fleet",
                    "subscribe presence own-vehicle",
                    "subscribe presence other-vehicle",
                    "subscribe presence other-fleet",
                    "subscribe presence fleet-plus",
                    "subscribe presence all-fleets-plus",
                    "subscribe command-acks own-vehicle",
                    "subscribe command-acks other-vehicle",
                    "subscribe command-acks other-fleet",
                    "subscribe command-acks fleet-plus",
                    "subscribe command-acks all-fleets-plus",
                    "subscribe shared trackers all telemetry",
                    "subscribe shared trackers fleet telemetry",
                    "subscribe shared trackers presence",
                    "subscribe shared trackers owntracks locations",
                    "subscribe shared trackers owntracks events",
                    "subscribe telemetry own-vehicle",
                    "subscribe telemetry other-vehicle",
                    "subscribe telemetry other-fleet",
                    "subscribe telemetry fleet-plus",
                    "subscribe telemetry all-fleets-plus",
                    "subscribe owntracks all-locations",
                    "subscribe owntracks all-events"),
            Role.DISPATCHER,
            dispatcherAllowed(),
            Role.VIEWER,
            Set.of("subscribe state own-vehicle", "subscribe state other-vehicle", "subscribe state fleet-plus"),
            Role.ADMIN,
            Set.of()));

    private static final AtomicInteger allowedCount = new AtomicInteger();
    private static final AtomicInteger deniedCount = new AtomicInteger();
    private static final List<String> deniedPayloads = new ArrayList<>();
    private static final List<String> allowedPayloads = new ArrayList<>();
    private static final AtomicInteger payloadNumber = new AtomicInteger();

    @TempDir
    static Path folder;

    private static SecuredBroker broker;
    private static MqttTestClient monitor;
    private static Map<Role, ClientSupply> supplies;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecuredBroker.start(folder);
        monitor = broker.connect("monitor", TestUsers.ADMIN);
        assertThat(monitor.subscribe("#")).isEqualTo(GRANTED_QOS_1);
        assertThat(monitor.subscribe("$SYS/#")).isEqualTo(GRANTED_QOS_1);
        supplies = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            supplies.put(role, new ClientSupply(broker, role.username, role.clientIdPrefix));
        }
    }

    @AfterAll
    static void stopBroker() {
        supplies.values().forEach(ClientSupply::close);
        broker.close();
    }

    @TestFactory
    List<DynamicNode> permission_matrix() {
        assertExpectationsNameRealCases();
        List<DynamicNode> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            List<DynamicTest> tests = new ArrayList<>();
            publishCases().forEach((name, topic) -> tests.add(publishTest(role, name, topic)));
            subscribeCases().forEach((name, filter) -> tests.add(subscribeTest(role, name, filter)));
            roles.add(DynamicContainer.dynamicContainer(role.name().toLowerCase(Locale.ROOT), tests));
        }
        roles.add(DynamicContainer.dynamicContainer("connect", connectTests()));
        roles.add(DynamicTest.dynamicTest("denied publishes reach no subscriber", PermissionMatrixIT::checkDelivery));
        roles.add(DynamicTest.dynamicTest("report", PermissionMatrixIT::report));
        return roles;
    }

    /** Publish cases by name: each topic kind on each target, retained and not, and the foreign topics. */
    static Map<String, PublishCase> publishCases() {
        Map<String, PublishCase> cases = new LinkedHashMap<>();
        for (TopicKind kind : TopicKind.values()) {
            Map<String, String> targets = kind.perVehicle()
                    ? Map.of(
                            "own-vehicle", "fleet/demo/vehicles/SELF/" + kind.level(),
                            "other-vehicle", "fleet/demo/vehicles/bus-2/" + kind.level(),
                            "other-fleet", "fleet/north/vehicles/bus-3/" + kind.level())
                    : Map.of("own-fleet", "fleet/demo/" + kind.level(), "other-fleet", "fleet/north/" + kind.level());
            targets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(target -> {
                String name = "publish " + kind.level() + " " + target.getKey();
                cases.put(name, new PublishCase(target.getValue(), false));
                cases.put(name + " retained", new PublishCase(target.getValue(), true));
            });
        }
        FOREIGN_TOPICS.forEach((name, topic) -> {
            cases.put("publish " + name, new PublishCase(topic, false));
            cases.put("publish " + name + " retained", new PublishCase(topic, true));
        });
        new TreeMap<>(OWNTRACKS_TOPICS).forEach((name, topic) -> {
            cases.put("publish " + name, new PublishCase(topic, false));
            cases.put("publish " + name + " retained", new PublishCase(topic, true));
        });
        return cases;
    }

    /** Subscribe cases by name: exact topics, {@code +} and {@code #} filters, shared subscriptions, foreign topics. */
    static Map<String, String> subscribeCases() {
        Map<String, String> cases = new LinkedHashMap<>();
        for (TopicKind kind : TopicKind.values()) {
            String level = kind.level();
            if (kind.perVehicle()) {
                cases.put("subscribe " + level + " own-vehicle", "fleet/demo/vehicles/SELF/" + level);
                cases.put("subscribe " + level + " other-vehicle", "fleet/demo/vehicles/bus-2/" + level);
                cases.put("subscribe " + level + " other-fleet", "fleet/north/vehicles/bus-3/" + level);
                cases.put("subscribe " + level + " fleet-plus", "fleet/demo/vehicles/+/" + level);
                cases.put("subscribe " + level + " all-fleets-plus", "fleet/+/vehicles/+/" + level);
            } else {
                cases.put("subscribe " + level + " own-fleet", "fleet/demo/" + level);
                cases.put("subscribe " + level + " other-fleet", "fleet/north/" + level);
                cases.put("subscribe " + level + " all-fleets-plus", "fleet/+/" + level);
            }
        }
        cases.put("subscribe hash own-fleet", "fleet/demo/#");
        cases.put("subscribe hash own-vehicle", "fleet/demo/vehicles/SELF/#");
        cases.put("subscribe hash other-fleet", "fleet/north/#");
        cases.put("subscribe hash all-fleets", "fleet/#");
        cases.put("subscribe hash everything", "#");
        cases.put("subscribe plus all levels of own fleet", "fleet/demo/vehicles/+/+");
        cases.put("subscribe shared trackers all telemetry", "$share/trackers/fleet/+/vehicles/+/telemetry");
        cases.put("subscribe shared trackers fleet telemetry", "$share/trackers/fleet/demo/vehicles/+/telemetry");
        cases.put("subscribe shared other group telemetry", "$share/other/fleet/+/vehicles/+/telemetry");
        cases.put("subscribe shared trackers presence", "$share/trackers/fleet/+/vehicles/+/presence");
        cases.put("subscribe shared trackers own fleet hash", "$share/trackers/fleet/demo/#");
        FOREIGN_TOPICS.forEach((name, topic) -> cases.put("subscribe " + name, topic));
        cases.put("subscribe foreign hash", "other/#");
        cases.put("subscribe dollar hash", "$SYS/#");
        cases.put("subscribe owntracks own-cmd", "owntracks/USER/+/cmd");
        cases.put("subscribe owntracks own-hash", "owntracks/USER/#");
        cases.put("subscribe owntracks other-user cmd", "owntracks/bob/+/cmd");
        cases.put("subscribe owntracks all-locations", "owntracks/+/+");
        cases.put("subscribe owntracks all-events", "owntracks/+/+/event");
        cases.put("subscribe owntracks hash", "owntracks/#");
        cases.put("subscribe shared trackers owntracks locations", "$share/trackers/owntracks/+/+");
        cases.put("subscribe shared trackers owntracks events", "$share/trackers/owntracks/+/+/event");
        cases.put("subscribe shared trackers owntracks hash", "$share/trackers/owntracks/#");
        return cases;
    }

    private static Map<String, String> foreignTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("foreign root", "other/topic");
        topics.put("dollar topic", "$SYS/fleet/demo");
        topics.put("vehicle id with space", "fleet/demo/vehicles/bus 1/state");
        topics.put("empty vehicle id", "fleet/demo/vehicles//state");
        topics.put("vehicle id too long", "fleet/demo/vehicles/" + "v".repeat(65) + "/state");
        topics.put("fleet id with star", "fleet/de*mo/events");
        topics.put("contract topic with extra level", "fleet/demo/vehicles/SELF/state/extra");
        return topics;
    }

    private static Set<String> dispatcherAllowed() {
        Set<String> allowed = new HashSet<>(Set.of(
                "publish commands own-vehicle",
                "publish commands other-vehicle",
                "subscribe hash own-fleet",
                "subscribe hash own-vehicle",
                "subscribe plus all levels of own fleet"));
        for (TopicKind kind : TopicKind.values()) {
            if (kind.perVehicle()) {
                allowed.add("subscribe " + kind.level() + " own-vehicle");
                allowed.add("subscribe " + kind.level() + " other-vehicle");
                allowed.add("subscribe " + kind.level() + " fleet-plus");
            } else {
                allowed.add("subscribe " + kind.level() + " own-fleet");
            }
        }
        // The dispatcher's fleet/demo/# grant covers any topic under its fleet, in or outside the contract.
        allowed.add("subscribe vehicle id with space");
        allowed.add("subscribe empty vehicle id");
        allowed.add("subscribe vehicle id too long");
        allowed.add("subscribe contract topic with extra level");
        return allowed;
    }

    private static void assertExpectationsNameRealCases() {
        Set<String> names = new HashSet<>(publishCases().keySet());
        names.addAll(subscribeCases().keySet());
        ALLOWED.forEach((role, allowed) ->
                assertThat(names).as("cases allowed for " + role).containsAll(allowed));
    }

    private static boolean expectedAllowed(Role role, String name) {
        if (REJECTED_BY_BROKER.contains(name)) {
            return false;
        }
        return role == Role.ADMIN || ALLOWED.get(role).contains(name);
    }

    private static DynamicTest publishTest(Role role, String name, PublishCase publishCase) {
        boolean expected = expectedAllowed(role, name);
        return DynamicTest.dynamicTest(label(name, expected), () -> {
            MqttTestClient client = supplies.get(role).current();
            String topic = publishCase.topic().replace(SELF, client.clientId()).replace(USER, role.username);
            String payload = "case-" + payloadNumber.incrementAndGet();

            int reasonCode = client.publish(topic, payload, 1, publishCase.retained());

            boolean allowed = MqttTestClient.accepted(reasonCode);
            count(allowed);
            assertThat(reasonCode)
                    .as("PUBACK reason code")
                    .satisfiesAnyOf(
                            code -> assertThat(MqttTestClient.accepted(code)).isTrue(),
                            code -> assertThat(code).isEqualTo(deniedCode(name)));
            assertThat(allowed).as("%s: %s on '%s'", role, name, topic).isEqualTo(expected);
            if (allowed) {
                synchronized (allowedPayloads) {
                    allowedPayloads.add(payload);
                }
            } else {
                synchronized (deniedPayloads) {
                    deniedPayloads.add(payload);
                }
                await().atMost(Duration.ofSeconds(10)).until(client::wasDisconnectedByBroker);
                if (!REJECTED_BY_BROKER.contains(name)) {
                    assertThat(client.disconnectReasonCode()).isEqualTo(NOT_AUTHORIZED);
                }
            }
        });
    }

    private static int deniedCode(String name) {
        return REJECTED_BY_BROKER.contains(name) ? SERVER_DISCONNECTED : NOT_AUTHORIZED;
    }

    private static DynamicTest subscribeTest(Role role, String name, String filterPattern) {
        boolean expected = expectedAllowed(role, name);
        return DynamicTest.dynamicTest(label(name, expected), () -> {
            MqttTestClient client = supplies.get(role).current();
            String filter = filterPattern.replace(SELF, client.clientId()).replace(USER, role.username);

            int reasonCode = client.subscribe(filter);

            count(reasonCode == GRANTED_QOS_1);
            assertThat(reasonCode).as("SUBACK reason code").isIn(GRANTED_QOS_1, NOT_AUTHORIZED);
            assertThat(reasonCode == GRANTED_QOS_1)
                    .as("%s: %s on '%s'", role, name, filter)
                    .isEqualTo(expected);
            assertThat(client.isConnected())
                    .as("still connected after SUBSCRIBE")
                    .isTrue();
        });
    }

    /** Connect cases: right and wrong passwords of every role, and the client id rules of vehicle accounts. */
    private static List<DynamicTest> connectTests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Role role : Role.values()) {
            String validId = role.clientIdPrefix + "connect";
            tests.add(connectTest(role + " with its password", validId, role.username, TestUsers::passwordOf, true));
            tests.add(connectTest(role + " with a wrong password", validId, role.username, u -> u + "-wrong", false));
        }
        tests.add(connectTest("unknown user", "stranger", "stranger", TestUsers::passwordOf, false));
        tests.add(connectTest("no credentials", "anonymous", null, u -> null, false));
        tests.add(connectTest(
                "vehicle with invalid client id", "bus 1", TestUsers.DEMO_VEHICLES, TestUsers::passwordOf, false));
        tests.add(connectTest("vehicle without client id", "", TestUsers.DEMO_VEHICLES, TestUsers::passwordOf, false));
        tests.add(connectTest("listed vehicle bus-1", "bus-1", TestUsers.LISTED_VEHICLES, TestUsers::passwordOf, true));
        tests.add(connectTest(
                "unlisted vehicle bus-9", "bus-9", TestUsers.LISTED_VEHICLES, TestUsers::passwordOf, false));
        tests.add(connectTest(
                "other fleet's vehicle account", "bus-4", TestUsers.NORTH_VEHICLES, TestUsers::passwordOf, true));
        tests.add(connectTest(
                "gateway with its user name as client id", "gw-demo", TestUsers.GATEWAY, TestUsers::passwordOf, true));
        tests.add(connectTest(
                "gateway with a vehicle's client id", "bus-1", TestUsers.GATEWAY, TestUsers::passwordOf, false));
        tests.add(connectTest(
                "gateway with a longer user name prefix", "gw-demox", TestUsers.GATEWAY, TestUsers::passwordOf, false));
        return tests;
    }

    private static DynamicTest connectTest(
            String name,
            String clientId,
            @org.jspecify.annotations.Nullable String username,
            UnaryOperator<String> password,
            boolean expected) {
        return DynamicTest.dynamicTest(label("connect " + name, expected), () -> {
            int reasonCode =
                    broker.connectReasonCode(clientId, username, username == null ? null : password.apply(username));

            count(reasonCode == 0);
            assertThat(reasonCode == 0).as("CONNACK reason code %s", reasonCode).isEqualTo(expected);
        });
    }

    /** Checks that the admin monitor on {@code #} received every allowed PUBLISH and no denied one. */
    private static void checkDelivery() throws Exception {
        String marker = "marker-" + payloadNumber.incrementAndGet();
        MqttTestClient admin = supplies.get(Role.ADMIN).current();
        assertThat(MqttTestClient.accepted(admin.publish("other/marker", marker, 1, false)))
                .isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(monitor.received())
                .extracting(MqttTestClient.Received::payload)
                .contains(marker)
                .containsAll(allowedPayloads));
        assertThat(deniedPayloads).isNotEmpty();
        assertThat(monitor.received())
                .extracting(MqttTestClient.Received::payload)
                .doesNotContainAnyElementsOf(deniedPayloads);
    }

    private static void report() {
        log.info(
                "Permission matrix: {} cases, {} allowed, {} denied",
                allowedCount.get() + deniedCount.get(),
                allowedCount.get(),
                deniedCount.get());
        assertThat(allowedCount.get()).isPositive();
        assertThat(deniedCount.get()).isPositive();
    }

    private static void count(boolean allowed) {
        (allowed ? allowedCount : deniedCount).incrementAndGet();
    }

    private static String label(String name, boolean expectedAllowed) {
        return name + (expectedAllowed ? " -> allowed" : " -> denied");
    }

    /** One PUBLISH of the matrix. */
    record PublishCase(String topic, boolean retained) {}
}
