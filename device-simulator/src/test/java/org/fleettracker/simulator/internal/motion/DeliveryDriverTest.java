package org.fleettracker.simulator.internal.motion;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryDriverTest {

    private static final double RADIUS_M = 2_000;
    private static final double STEP_S = 1;
    /** Long enough for about three rounds of four stops. */
    private static final int STEPS = 3 * 3_600;

    private static final StreetGrid GRID = StreetGrid.generate(RADIUS_M, DrivingProfile.CITY, new SplittableRandom(11));
    private static final Geo.LocalProjection PROJECTION = new Geo.LocalProjection(46.0569, 14.5058);
    private static final DeliveryProfile DELIVERY = new DeliveryProfile(2, 30, 4, 60, 120, 180);

    private record Sample(double xM, double yM, MotionFix fix, int dwellingAt) {}

    @Test
    void positions_lie_on_streets() {
        List<Sample> samples = drive(1);

        for (Sample sample : samples) {
            assertThat(distanceToNearestStreetM(sample.xM(), sample.yM()))
                    .as("distance of %s to a street", sample)
                    .isLessThan(0.01);
        }
    }

    @Test
    void dwell_at_customers_lasts_min_to_max() {
        List<Sample> samples = drive(2);
        Places places = places();

        List<Integer> dwellsS = new ArrayList<>();
        int runS = 0;
        int runAt = -1;
        for (Sample sample : samples) {
            if (sample.dwellingAt() >= 0 && sample.dwellingAt() == runAt) {
                runS++;
                continue;
            }
            if (runAt >= 0 && places.customers().contains(runAt)) {
                dwellsS.add(runS);
            }
            runAt = sample.dwellingAt();
            runS = 1;
        }

        assertThat(dwellsS).hasSizeGreaterThanOrEqualTo(8);
        assertThat(dwellsS).allSatisfy(seconds -> assertThat(seconds).isBetween(60, 121));
    }

    @Test
    void vehicle_stands_still_while_dwelling() {
        List<Sample> samples = drive(3);

        assertThat(samples.stream().filter(sample -> sample.dwellingAt() >= 0))
                .isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.fix().speedKmh()).isZero());
    }

    @Test
    void rounds_visit_customers_and_return_to_depot() {
        List<Sample> samples = drive(4);
        Places places = places();

        List<Integer> visits = new ArrayList<>();
        for (Sample sample : samples) {
            int at = sample.dwellingAt();
            if (at >= 0 && (visits.isEmpty() || visits.get(visits.size() - 1) != at)) {
                visits.add(at);
            }
        }

        assertThat(visits).hasSizeGreaterThan(10);
        assertThat(places.depots()).contains(visits.get(0));
        assertThat(visits.subList(1, 5)).doesNotContain(visits.get(0));
        assertThat(places.customers()).containsAll(visits.subList(1, 5));
        assertThat(visits.get(5)).isEqualTo(visits.get(0));
    }

    @Test
    void speeds_stay_within_road_class_limits() {
        List<Sample> samples = drive(5);

        assertThat(samples).allSatisfy(sample -> assertThat(sample.fix().speedKmh())
                .isBetween(0.0, RoadClass.ARTERIAL.maxCruiseKmh()));
        assertThat(samples.stream()
                        .mapToDouble(sample -> sample.fix().speedKmh())
                        .max()
                        .orElseThrow())
                .isGreaterThan(RoadClass.URBAN.maxCruiseKmh());
    }

    @Test
    void same_seed_gives_same_drive() {
        List<Sample> first = drive(6);
        List<Sample> again = drive(6);

        assertThat(again).isEqualTo(first);
    }

    private static Places places() {
        return Places.choose(GRID, DELIVERY.depotCount(), DELIVERY.customerCount(), new SplittableRandom(21));
    }

    private static List<Sample> drive(long seed) {
        Places places = places();
        var driver = new DeliveryDriver(
                GRID,
                DrivingProfile.CITY,
                DELIVERY,
                places,
                places.depots().get(0),
                PROJECTION,
                new SplittableRandom(seed));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            MotionFix fix = driver.advance(STEP_S);
            samples.add(new Sample(driver.xM(), driver.yM(), fix, driver.dwellingAt()));
        }
        return samples;
    }

    private static double distanceToNearestStreetM(double xM, double yM) {
        double best = Double.POSITIVE_INFINITY;
        for (int from = 0; from < GRID.size(); from++) {
            for (int to : GRID.neighbours(from)) {
                best = Math.min(best, distanceToSegmentM(xM, yM, from, to));
            }
        }
        return best;
    }

    private static double distanceToSegmentM(double xM, double yM, int from, int to) {
        double ax = GRID.xM(from);
        double ay = GRID.yM(from);
        double dx = GRID.xM(to) - ax;
        double dy = GRID.yM(to) - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : ((xM - ax) * dx + (yM - ay) * dy) / lengthSquared;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(xM - (ax + t * dx), yM - (ay + t * dy));
    }
}
