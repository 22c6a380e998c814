package org.fleettracker.broker.internal.auth;

import org.fleettracker.broker.internal.users.PasswordHash;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.protocol.api.TopicKind;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionsTest {

    private static final PasswordHash HASH = PasswordHash.parse(
            "pbkdf2-sha256$10000$AAECAwQFBgcICQoLDA0ODw==$5RUHDgNTp9sBOWGYS4e6u57cz/Sq3/TQgaDP/8MW6L8=");

    @Test
    void vehicle_publishes_only_with_its_client_id() {
        Permissions vehicle = Permissions.of(user(Role.VEHICLE, "demo"), "bus-1");

        assertThat(vehicle.checkPublish("fleet/demo/vehicles/bus-1/telemetry", false)
                        .allowed())
                .isTrue();
        assertThat(vehicle.checkPublish("fleet/demo/vehicles/bus-2/telemetry", false)
                        .allowed())
                .isFalse();
    }

    @Test
    void vehicle_presence_may_be_retained_but_telemetry_not() {
        Permissions vehicle = Permissions.of(user(Role.VEHICLE, "demo"), "bus-1");

        assertThat(vehicle.checkPublish("fleet/demo/vehicles/bus-1/presence", true)
                        .allowed())
                .isTrue();
        assertThat(vehicle.checkPublish("fleet/demo/vehicles/bus-1/telemetry", true)
                        .allowed())
                .isFalse();
    }

    @Test
    void denial_reason_names_topic_and_role() {
        Permissions viewer = Permissions.of(user(Role.VIEWER, "demo"), "screen");

        Decision decision = viewer.checkSubscribe("fleet/north/vehicles/+/state");

        assertThat(decision.reason())
                .isEqualTo("Subscribing to 'fleet/north/vehicles/+/state' is not allowed for role viewer of fleets"
                        + " [demo] reading [state]");
    }

    @Test
    void dispatcher_of_two_fleets_reads_both() {
        Permissions dispatcher = Permissions.of(user(Role.DISPATCHER, "demo", "north"), "console");

        assertThat(dispatcher.checkSubscribe("fleet/demo/#").allowed()).isTrue();
        assertThat(dispatcher.checkSubscribe("fleet/north/rejects").allowed()).isTrue();
        assertThat(dispatcher.checkSubscribe("fleet/south/rejects").allowed()).isFalse();
        assertThat(dispatcher.checkSubscribe("fleet/+/rejects").allowed()).isFalse();
    }

    @Test
    void gateway_publishes_for_any_vehicle_of_its_fleets() {
        Permissions gateway = Permissions.of(user(Role.GATEWAY, "demo", "north"), "gw-1");

        assertThat(gateway.checkPublish("fleet/demo/vehicles/bus-1/telemetry", false)
                        .allowed())
                .isTrue();
        assertThat(gateway.checkPublish("fleet/north/vehicles/bus-7/presence", true)
                        .allowed())
                .isTrue();
        assertThat(gateway.checkPublish("fleet/north/vehicles/bus-7/command-acks", false)
                        .allowed())
                .isTrue();
        assertThat(gateway.checkPublish("fleet/south/vehicles/bus-1/telemetry", false)
                        .allowed())
                .isFalse();
    }

    @Test
    void gateway_denied_state_events_and_retained_telemetry() {
        Permissions gateway = Permissions.of(user(Role.GATEWAY, "demo"), "gw-1");

        assertThat(gateway.checkPublish("fleet/demo/vehicles/bus-1/state", false)
                        .allowed())
                .isFalse();
        assertThat(gateway.checkPublish("fleet/demo/events", false).allowed()).isFalse();
        assertThat(gateway.checkPublish("fleet/demo/vehicles/bus-1/commands", false)
                        .allowed())
                .isFalse();
        assertThat(gateway.checkPublish("fleet/demo/vehicles/bus-1/telemetry", true)
                        .allowed())
                .isFalse();
        assertThat(gateway.checkPublish("fleet/demo/vehicles/+/telemetry", false)
                        .allowed())
                .isFalse();
    }

    @Test
    void gateway_subscribes_only_to_commands_of_its_fleets() {
        Permissions gateway = Permissions.of(user(Role.GATEWAY, "demo", "north"), "gw-1");

        assertThat(gateway.checkSubscribe("fleet/demo/vehicles/+/commands").allowed())
                .isTrue();
        assertThat(gateway.checkSubscribe("fleet/north/vehicles/bus-7/commands").allowed())
                .isTrue();
        assertThat(gateway.checkSubscribe("fleet/+/vehicles/+/commands").allowed())
                .isFalse();
        assertThat(gateway.checkSubscribe("fleet/demo/vehicles/+/state").allowed())
                .isFalse();
        assertThat(gateway.checkSubscribe("fleet/demo/#").allowed()).isFalse();
        assertThat(gateway.checkSubscribe("$share/trackers/fleet/demo/vehicles/+/commands")
                        .allowed())
                .isFalse();
    }

    @Test
    void tracker_shared_subscription_needs_tracker_share_name() {
        Permissions tracker = Permissions.of(user(Role.TRACKER), "tracker-1");

        assertThat(tracker.checkSubscribe("$share/trackers/fleet/+/vehicles/+/telemetry")
                        .allowed())
                .isTrue();
        assertThat(tracker.checkSubscribe("$share/other/fleet/+/vehicles/+/telemetry")
                        .allowed())
                .isFalse();
        assertThat(tracker.checkSubscribe("$share/trackers/#").allowed()).isFalse();
    }

    @Test
    void admin_may_do_everything() {
        Permissions admin = Permissions.of(user(Role.ADMIN), "ops");

        assertThat(admin.checkSubscribe("#").allowed()).isTrue();
        assertThat(admin.checkSubscribe("$share/any/#").allowed()).isTrue();
        assertThat(admin.checkPublish("anything/else", true).allowed()).isTrue();
    }

    @Test
    void vehicle_subscribes_only_to_its_exact_commands_topic() {
        Permissions vehicle = Permissions.of(user(Role.VEHICLE, "demo"), "bus-1");

        assertThat(vehicle.checkSubscribe("fleet/demo/vehicles/bus-1/commands").allowed())
                .isTrue();
        assertThat(vehicle.checkSubscribe("fleet/demo/vehicles/+/commands").allowed())
                .isFalse();
        assertThat(vehicle.checkSubscribe("fleet/demo/vehicles/bus-1/#").allowed())
                .isFalse();
        assertThat(vehicle.checkPublish("fleet/demo/vehicles/bus-1/command-acks", false)
                        .allowed())
                .isTrue();
        assertThat(vehicle.checkPublish("fleet/demo/vehicles/bus-1/command-acks", true)
                        .allowed())
                .isFalse();
    }

    @Test
    void listed_vehicle_account_gets_nothing_for_other_client_ids() {
        User listed = new User("buses", HASH, Role.VEHICLE, Set.of("demo"), Set.of("bus-1"), Set.of());

        assertThat(Permissions.of(listed, "bus-1")
                        .checkPublish("fleet/demo/vehicles/bus-1/telemetry", false)
                        .allowed())
                .isTrue();
        assertThat(Permissions.of(listed, "bus-2")
                        .checkPublish("fleet/demo/vehicles/bus-2/telemetry", false)
                        .allowed())
                .isFalse();
    }

    @Test
    void dispatcher_sends_commands_to_its_fleet_only_not_retained() {
        Permissions dispatcher = Permissions.of(user(Role.DISPATCHER, "demo"), "console");

        assertThat(dispatcher
                        .checkPublish("fleet/demo/vehicles/bus-1/commands", false)
                        .allowed())
                .isTrue();
        assertThat(dispatcher
                        .checkPublish("fleet/demo/vehicles/bus-1/commands", true)
                        .allowed())
                .isFalse();
        assertThat(dispatcher
                        .checkPublish("fleet/north/vehicles/bus-1/commands", false)
                        .allowed())
                .isFalse();
    }

    @Test
    void viewer_reads_only_its_topic_kinds() {
        User screen = new User(
                "screen", HASH, Role.VIEWER, Set.of("demo"), Set.of(), Set.of(TopicKind.STATE, TopicKind.EVENTS));
        Permissions viewer = Permissions.of(screen, "screen");

        assertThat(viewer.checkSubscribe("fleet/demo/events").allowed()).isTrue();
        assertThat(viewer.checkSubscribe("fleet/demo/vehicles/+/state").allowed())
                .isTrue();
        assertThat(viewer.checkSubscribe("fleet/demo/rejects").allowed()).isFalse();
        assertThat(viewer.checkSubscribe("fleet/demo/#").allowed()).isFalse();
    }

    @Test
    void tracker_publishes_events_and_reads_command_acks() {
        Permissions tracker = Permissions.of(user(Role.TRACKER), "tracker-1");

        assertThat(tracker.checkPublish("fleet/north/events", false).allowed()).isTrue();
        assertThat(tracker.checkPublish("fleet/north/events", true).allowed()).isFalse();
        assertThat(tracker.checkSubscribe("fleet/+/vehicles/+/command-acks").allowed())
                .isTrue();
        assertThat(tracker.checkSubscribe("fleet/+/vehicles/+/commands").allowed())
                .isFalse();
    }

    private static User user(Role role, String... fleets) {
        return new User("user", HASH, role, Set.of(fleets));
    }
}
