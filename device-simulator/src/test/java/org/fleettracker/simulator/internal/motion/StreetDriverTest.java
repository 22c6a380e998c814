package org.fleettracker.simulator.internal.motion;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StreetDriverTest {

    private static final double CENTER_LAT_DEG = 46.0569;
    private static final double CENTER_LON_DEG = 14.5058;
    private static final double RADIUS_M = 2_000;
    private static final double INTERVAL_S = 1.0;
    private static final int FIXES_PER_VEHICLE = 600;

    @Test
    void fixes_stay_within_the_radius() {
        List<List<MotionFix>> routes = drive(42);

        assertThat(routes).allSatisfy(route -> assertThat(route).allSatisfy(fix -> assertThat(
                        Geo.distanceM(CENTER_LAT_DEG, CENTER_LON_DEG, fix.latitudeDeg(), fix.longitudeDeg()))
                .isLessThanOrEqualTo(RADIUS_M * 1.001)));
    }

    @Test
    void every_fix_reports_accuracy() {
        List<List<MotionFix>> routes = drive(3);

        assertThat(routes).allSatisfy(route -> assertThat(route)
                .allSatisfy(fix -> assertThat(fix.accuracyM()).isEqualTo(StreetDriver.REPORTED_ACCURACY_M)));
    }

    @Test
    void speeds_stay_between_0_and_130_kmh() {
        List<List<MotionFix>> routes = drive(7);

        assertThat(routes).allSatisfy(route -> assertThat(route)
                .allSatisfy(fix -> assertThat(fix.speedKmh()).isBetween(0.0, 130.0)));
    }

    @Test
    void speed_profile_has_cruising_and_stops() {
        List<MotionFix> all = drive(11).stream().flatMap(List::stream).toList();

        assertThat(all).anySatisfy(fix -> assertThat(fix.speedKmh()).isZero());
        assertThat(all).anySatisfy(fix -> assertThat(fix.speedKmh()).isGreaterThan(40.0));
        assertThat(all).anySatisfy(fix -> assertThat(fix.speedKmh()).isBetween(5.0, 25.0));
    }

    @Test
    void heading_matches_bearing_on_one_street() {
        int compared = 0;
        for (List<MotionFix> route : drive(3)) {
            for (int i = 1; i < route.size(); i++) {
                MotionFix previous = route.get(i - 1);
                MotionFix current = route.get(i);
                double movedM = distanceM(previous, current);
                // Same heading at both ends means the vehicle stayed on one street between the fixes.
                if (movedM < 1 || previous.headingDeg() != current.headingDeg()) {
                    continue;
                }
                double bearingDeg = Geo.bearingDeg(
                        previous.latitudeDeg(), previous.longitudeDeg(), current.latitudeDeg(), current.longitudeDeg());
                assertThat(Geo.headingDifferenceDeg(bearingDeg, current.headingDeg()))
                        .as("fix %d: heading %s, bearing %s", i, current.headingDeg(), bearingDeg)
                        .isLessThan(1.0);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1_000);
    }

    @Test
    void heading_near_bearing_through_turns() {
        List<Double> differencesDeg = new ArrayList<>();
        for (List<MotionFix> route : drive(5)) {
            for (int i = 1; i < route.size(); i++) {
                MotionFix previous = route.get(i - 1);
                MotionFix current = route.get(i);
                if (distanceM(previous, current) >= 1) {
                    differencesDeg.add(Geo.headingDifferenceDeg(
                            current.headingDeg(),
                            Geo.bearingDeg(
                                    previous.latitudeDeg(), previous.longitudeDeg(),
                                    current.latitudeDeg(), current.longitudeDeg())));
                }
            }
        }

        long close = differencesDeg.stream().filter(d -> d < 5).count();
        assertThat((double) close / differencesDeg.size()).isGreaterThan(0.9);
    }

    @Test
    void distance_between_fixes_matches_the_reported_speeds() {
        DrivingProfile profile = DrivingProfile.CITY;
        for (List<MotionFix> route : drive(9)) {
            for (int i = 1; i < route.size(); i++) {
                MotionFix previous = route.get(i - 1);
                MotionFix current = route.get(i);
                double maxMps = Math.max(previous.speedKmh(), current.speedKmh()) / 3.6
                        + profile.accelerationMps2() * INTERVAL_S;

                assertThat(distanceM(previous, current)).as("fix %d", i).isLessThanOrEqualTo(maxMps * INTERVAL_S + 0.5);
                assertThat(current.odometerM() - previous.odometerM())
                        .as("fix %d", i)
                        .isGreaterThanOrEqualTo(distanceM(previous, current) - 0.5);
            }
        }
    }

    @Test
    void same_seed_gives_the_same_routes() {
        assertThat(drive(123)).isEqualTo(drive(123));
    }

    @Test
    void different_seeds_give_different_routes() {
        assertThat(drive(1)).isNotEqualTo(drive(2));
    }

    private static List<List<MotionFix>> drive(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StreetGrid grid = StreetGrid.generate(RADIUS_M, DrivingProfile.CITY, random.split());
        var projection = new Geo.LocalProjection(CENTER_LAT_DEG, CENTER_LON_DEG);
        List<List<MotionFix>> routes = new ArrayList<>();
        for (int vehicle = 0; vehicle < 5; vehicle++) {
            var driver = new StreetDriver(grid, DrivingProfile.CITY, projection, random.split());
            List<MotionFix> route = new ArrayList<>();
            route.add(driver.current());
            for (int i = 1; i < FIXES_PER_VEHICLE; i++) {
                route.add(driver.advance(INTERVAL_S));
            }
            routes.add(route);
        }
        return routes;
    }

    private static double distanceM(MotionFix a, MotionFix b) {
        return Geo.distanceM(a.latitudeDeg(), a.longitudeDeg(), b.latitudeDeg(), b.longitudeDeg());
    }
}
