package org.fleettracker.console.internal.map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScreenClustererTest {

    private final ScreenClusterer clusterer = new ScreenClusterer();

    @Test
    void markers_in_one_cell_form_one_cluster() {
        clusterer.begin(50, 0, 0);

        clusterer.add(10, 10, 0, 0);
        clusterer.add(20, 30, 4, 1);
        clusterer.add(40, 45, 1, 2);

        assertThat(clusterer.size()).isEqualTo(1);
        assertThat(clusterer.count(0)).isEqualTo(3);
        assertThat(clusterer.maxUrgency(0)).isEqualTo(4);
        assertThat(clusterer.firstMember(0)).isZero();
        assertThat(clusterer.centerXPx(0)).isCloseTo(70.0 / 3, within(1e-9));
        assertThat(clusterer.centerYPx(0)).isCloseTo(85.0 / 3, within(1e-9));
        assertThat(clusterer.minXPx(0)).isEqualTo(10.0);
        assertThat(clusterer.maxXPx(0)).isEqualTo(40.0);
        assertThat(clusterer.minYPx(0)).isEqualTo(10.0);
        assertThat(clusterer.maxYPx(0)).isEqualTo(45.0);
    }

    @Test
    void markers_in_different_cells_stay_apart() {
        clusterer.begin(50, 0, 0);

        clusterer.add(10, 10, 0, 7);
        clusterer.add(60, 10, 2, 8);
        clusterer.add(10, -10, 3, 9);

        assertThat(clusterer.size()).isEqualTo(3);
        assertThat(clusterer.count(0)).isEqualTo(1);
        assertThat(clusterer.firstMember(1)).isEqualTo(8);
        assertThat(clusterer.maxUrgency(2)).isEqualTo(3);
    }

    @Test
    void grid_follows_origin_when_map_pans() {
        clusterer.begin(50, 0, 0);
        clusterer.add(45, 10, 0, 0);
        clusterer.add(55, 10, 0, 1);
        int apart = clusterer.size();

        clusterer.begin(50, 10, 0);
        clusterer.add(45, 10, 0, 0);
        clusterer.add(55, 10, 0, 1);

        assertThat(apart).isEqualTo(2);
        assertThat(clusterer.size()).isEqualTo(1);
    }

    @Test
    void begin_forgets_previous_frame() {
        clusterer.begin(50, 0, 0);
        clusterer.add(10, 10, 4, 0);
        clusterer.add(12, 10, 4, 1);

        clusterer.begin(50, 0, 0);
        clusterer.add(10, 10, 1, 5);

        assertThat(clusterer.size()).isEqualTo(1);
        assertThat(clusterer.count(0)).isEqualTo(1);
        assertThat(clusterer.maxUrgency(0)).isEqualTo(1);
        assertThat(clusterer.firstMember(0)).isEqualTo(5);
    }

    @Test
    void thousands_of_cells_keep_their_counts() {
        clusterer.begin(10, 0, 0);

        for (int i = 0; i < 5_000; i++) {
            clusterer.add((i % 100) * 10 + 5, (i / 100) * 10 + 5, i % 5, i);
            clusterer.add((i % 100) * 10 + 6, (i / 100) * 10 + 6, 0, i + 5_000);
        }

        assertThat(clusterer.size()).isEqualTo(5_000);
        for (int c = 0; c < clusterer.size(); c++) {
            assertThat(clusterer.count(c)).isEqualTo(2);
            assertThat(clusterer.firstMember(c)).isEqualTo(c);
            assertThat(clusterer.maxUrgency(c)).isEqualTo(c % 5);
        }
    }

    @Test
    void cluster_outside_range_is_rejected() {
        clusterer.begin(50, 0, 0);
        clusterer.add(10, 10, 0, 0);

        assertThatThrownBy(() -> clusterer.count(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void cell_size_must_be_positive() {
        assertThatThrownBy(() -> clusterer.begin(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
