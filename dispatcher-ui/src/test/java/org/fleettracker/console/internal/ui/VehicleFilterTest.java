package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class VehicleFilterTest {

    private static final String VAN = VehicleFilter.searchKey("Van-07");

    @Test
    void search_matches_id_part_ignoring_case() {
        assertThat(new VehicleFilter(" AN-0 ", null, null).matches(VAN, "demo", VehicleStatus.MOVING, false))
                .isTrue();
        assertThat(new VehicleFilter("truck", null, null).matches(VAN, "demo", VehicleStatus.MOVING, false))
                .isFalse();
    }

    @Test
    void fleet_choice_lists_only_that_fleet() {
        VehicleFilter demoOnly = new VehicleFilter("", "demo", null);

        assertThat(demoOnly.matches(VAN, "demo", VehicleStatus.MOVING, false)).isTrue();
        assertThat(demoOnly.matches(VAN, "other", VehicleStatus.MOVING, false)).isFalse();
        assertThat(demoOnly.matches(VAN, null, VehicleStatus.NO_FIX, false)).isFalse();
    }

    @Test
    void status_choice_matches_stale_vehicles_by_their_status() {
        VehicleFilter moving = new VehicleFilter("", null, StatusFilter.MOVING);

        assertThat(moving.matches(VAN, "demo", VehicleStatus.MOVING, true)).isTrue();
        assertThat(moving.matches(VAN, "demo", VehicleStatus.STOPPED, false)).isFalse();
    }

    @Test
    void stale_choice_matches_only_stale_vehicles() {
        VehicleFilter stale = new VehicleFilter("", null, StatusFilter.STALE);

        assertThat(stale.matches(VAN, "demo", VehicleStatus.OFFLINE, true)).isTrue();
        assertThat(stale.matches(VAN, "demo", VehicleStatus.OFFLINE, false)).isFalse();
    }

    @Test
    void fleet_and_search_ignore_the_status_choice() {
        VehicleFilter filter = new VehicleFilter("van", "demo", StatusFilter.OFFLINE);

        assertThat(filter.matchesFleetAndSearch(VAN, "demo")).isTrue();
        assertThat(filter.matches(VAN, "demo", VehicleStatus.MOVING, false)).isFalse();
    }

    @Test
    void none_is_empty_and_matches_everything() {
        assertThat(VehicleFilter.NONE.isEmpty()).isTrue();
        assertThat(VehicleFilter.NONE.matches(VAN, null, VehicleStatus.NO_FIX, false))
                .isTrue();
        assertThat(new VehicleFilter("  ", null, null).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(VehicleStatus.class)
    void every_shown_status_has_a_filter(VehicleStatus status) {
        StatusFilter filter = StatusFilter.of(status);

        assertThat(filter.label()).isEqualTo(status.label());
        assertThat(StatusFilter.fromLabel(status.label())).isEqualTo(filter);
    }

    @Test
    void unknown_label_means_every_status() {
        assertThat(StatusFilter.fromLabel("all statuses")).isNull();
        assertThat(StatusFilter.fromLabel(null)).isNull();
    }

    @Test
    void counts_text_skips_zero_statuses() {
        StatusCounts counts = new StatusCounts();
        for (int i = 0; i < 80; i++) {
            counts.add(VehicleStatus.MOVING, false);
        }
        for (int i = 0; i < 30; i++) {
            counts.add(VehicleStatus.STOPPED, i < 3);
        }
        counts.add(VehicleStatus.OFFLINE, false);

        assertThat(counts.text(111)).isEqualTo("111 vehicles: 80 moving, 30 stopped, 1 offline, 3 stale");
        assertThat(counts.text(3)).isEqualTo("111 vehicles: 80 moving, 30 stopped, 1 offline, 3 stale; 3 listed");
        assertThat(counts.count(StatusFilter.STALE)).isEqualTo(3);
    }

    @Test
    void counts_text_without_vehicles() {
        assertThat(new StatusCounts().text(0)).isEqualTo("0 vehicles");
    }
}
