package org.fleettracker.broker.internal.auth;

import org.fleettracker.broker.internal.users.PasswordHash;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
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

    private static User user(Role role, String... fleets) {
        return new User("user", HASH, role, Set.of(fleets));
    }
}
