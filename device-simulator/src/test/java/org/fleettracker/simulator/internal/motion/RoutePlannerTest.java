package org.fleettracker.simulator.internal.motion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RoutePlannerTest {

    private static final StreetGrid GRID = StreetGrid.generate(2_000, DrivingProfile.CITY, new SplittableRandom(5));

    @Test
    void route_follows_streets_end_to_end() {
        Places places = Places.choose(GRID, 2, 20, new SplittableRandom(1));
        RoutePlanner planner = new RoutePlanner(GRID);

        for (int customer : places.customers()) {
            int depot = places.depots().get(0);
            List<Integer> route = planner.route(depot, customer);

            assertThat(route.get(0)).isEqualTo(depot);
            assertThat(route.get(route.size() - 1)).isEqualTo(customer);
            for (int i = 1; i < route.size(); i++) {
                int from = route.get(i - 1);
                int to = route.get(i);
                assertThat(Arrays.stream(GRID.neighbours(from)).boxed().toList())
                        .as("street from %d to %d", from, to)
                        .contains(to);
            }
        }
    }

    @Test
    void route_is_no_slower_than_any_single_detour() {
        Places places = Places.choose(GRID, 1, 10, new SplittableRandom(2));
        RoutePlanner planner = new RoutePlanner(GRID);
        int depot = places.depots().get(0);

        for (int customer : places.customers()) {
            double directS = seconds(planner, planner.route(depot, customer));
            for (int via : places.customers()) {
                double detourS =
                        seconds(planner, planner.route(depot, via)) + seconds(planner, planner.route(via, customer));
                assertThat(directS).isLessThanOrEqualTo(detourS + 1e-9);
            }
        }
    }

    @Test
    void route_to_itself_is_one_intersection() {
        RoutePlanner planner = new RoutePlanner(GRID);

        assertThat(planner.route(3, 3)).containsExactly(3);
    }

    @Test
    void grid_has_urban_and_arterial_streets() {
        long arterial = 0;
        long urban = 0;
        for (int node = 0; node < GRID.size(); node++) {
            for (int next : GRID.neighbours(node)) {
                if (GRID.roadClass(node, next) == RoadClass.ARTERIAL) {
                    arterial++;
                } else {
                    urban++;
                }
            }
        }

        assertThat(arterial).isPositive();
        assertThat(urban).isGreaterThan(arterial);
    }

    @Test
    void places_are_distinct_and_repeat_with_seed() {
        Places first = Places.choose(GRID, 2, 30, new SplittableRandom(9));
        Places again = Places.choose(GRID, 2, 30, new SplittableRandom(9));

        assertThat(first).isEqualTo(again);
        assertThat(first.customers()).hasSize(30).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first.depots());
    }

    private static double seconds(RoutePlanner planner, List<Integer> route) {
        double total = 0;
        for (int i = 1; i < route.size(); i++) {
            total += planner.travelS(route.get(i - 1), route.get(i));
        }
        return total;
    }
}
