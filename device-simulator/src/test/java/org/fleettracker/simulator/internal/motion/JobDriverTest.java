package org.fleettracker.simulator.internal.motion;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JobDriverTest {

    private static final double RADIUS_M = 1_500;
    private static final double STEP_S = 1;
    private static final double DWELL_S = 90;
    /** Distance of each stop from its intersection, as for a loading bay beside the street. */
    private static final double OFF_STREET_M = 25;
    /** The stop radius a dispatcher would give such a stop. */
    private static final double STOP_RADIUS_M = 30;
    /** Enough for three stops across the whole city and back, with their dwell. */
    private static final int MAX_STEPS = 3_600;

    private static final StreetGrid GRID = StreetGrid.generate(RADIUS_M, DrivingProfile.CITY, new SplittableRandom(5));
    private static final Geo.LocalProjection PROJECTION = new Geo.LocalProjection(46.0569, 14.5058);
    private static final JobProfile JOBS = JobProfile.withDwellS(DWELL_S);
    private static final JobPlanner PLANNER = new JobPlanner(GRID, PROJECTION, JOBS);

    /** Records the events in the order they happen, as "stopId" and "done:jobId". */
    private static final class Events implements JobDriver.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void stopReached(JobPlan job, String stopId) {
            seen.add(stopId);
        }

        @Override
        public void jobDone(JobPlan job) {
            seen.add("done:" + job.jobId());
        }
    }

    private record Sample(MotionFix fix, boolean dwelling, String jobId) {}

    private final Events events = new Events();
    private final JobDriver driver = new JobDriver(
            new StreetDriver(GRID, DrivingProfile.CITY, PROJECTION, new SplittableRandom(8)),
            GRID,
            DrivingProfile.CITY,
            JOBS,
            PROJECTION,
            new SplittableRandom(9),
            events);

    /** Returns a job whose stops lie {@link #OFF_STREET_M} east of intersections spread over the city. */
    private static Job job(String jobId, int... nodeIndexes) {
        List<Integer> nodes = Places.largestComponent(GRID);
        List<JobStop> stops = new ArrayList<>();
        for (int index : nodeIndexes) {
            int node = nodes.get(index * (nodes.size() - 1) / 10);
            stops.add(new JobStop(
                    "s" + index,
                    JobStopKind.DROP_OFF,
                    "Stop " + index,
                    PROJECTION.latitudeDeg(GRID.yM(node)),
                    PROJECTION.longitudeDeg(GRID.xM(node) + OFF_STREET_M),
                    STOP_RADIUS_M,
                    null,
                    null));
        }
        return new Job(jobId, "v1", stops);
    }

    private void assign(Job job) {
        driver.submit(new JobDriver.Order.Assign(PLANNER.plan("c-" + job.jobId(), job)));
    }

    private List<Sample> drive(int steps) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            MotionFix fix = driver.advance(STEP_S);
            String jobId = driver.jobId();
            samples.add(new Sample(fix, driver.isDwelling(), jobId == null ? "" : jobId));
        }
        return samples;
    }

    private static double distanceM(MotionFix fix, JobStop stop) {
        return Geo.distanceM(fix.latitudeDeg(), fix.longitudeDeg(), stop.latitudeDeg(), stop.longitudeDeg());
    }

    @Test
    void stops_are_reached_in_job_order() {
        driver.advance(30);
        assign(job("j-1", 8, 1, 5));

        drive(MAX_STEPS);

        assertThat(events.seen).containsExactly("s8", "s1", "s5", "done:j-1");
    }

    @Test
    void vehicle_dwells_standing_inside_stop_radius() {
        Job job = job("j-1", 3, 7);
        assign(job);

        List<Sample> samples = drive(MAX_STEPS);

        List<Sample> dwelling = samples.stream().filter(Sample::dwelling).toList();
        assertThat(dwelling).isNotEmpty();
        for (Sample sample : dwelling) {
            double nearestM = Math.min(
                    distanceM(sample.fix(), job.stops().get(0)),
                    distanceM(sample.fix(), job.stops().get(1)));
            assertThat(nearestM).as("distance to the nearest stop").isLessThan(1);
            assertThat(sample.fix().speedKmh()).isZero();
        }
    }

    @Test
    void dwell_lasts_the_configured_time_at_each_stop() {
        assign(job("j-1", 3, 7));

        List<Sample> samples = drive(MAX_STEPS);

        List<Integer> runsS = new ArrayList<>();
        int run = 0;
        for (Sample sample : samples) {
            if (sample.dwelling()) {
                run++;
            } else if (run > 0) {
                runsS.add(run);
                run = 0;
            }
        }
        assertThat(runsS).hasSize(2);
        assertThat(runsS).allSatisfy(seconds -> assertThat((double) seconds).isCloseTo(DWELL_S, within(STEP_S)));
    }

    @Test
    void vehicle_drives_on_its_own_after_last_stop() {
        assign(job("j-1", 2));

        List<Sample> samples = drive(MAX_STEPS);

        int done = events.seen.indexOf("done:j-1");
        assertThat(done).isNotNegative();
        List<Sample> last = samples.subList(samples.size() - 300, samples.size());
        assertThat(last).allSatisfy(sample -> assertThat(sample.jobId()).isEmpty());
        assertThat(last.stream()
                        .mapToDouble(sample -> sample.fix().speedKmh())
                        .max()
                        .orElse(0))
                .isGreaterThan(20);
    }

    @Test
    void motion_is_continuous_through_the_job() {
        driver.advance(45);
        assign(job("j-1", 9, 4));

        List<Sample> samples = drive(MAX_STEPS);

        for (int i = 1; i < samples.size(); i++) {
            MotionFix before = samples.get(i - 1).fix();
            MotionFix after = samples.get(i).fix();
            double movedM = Geo.distanceM(
                    before.latitudeDeg(), before.longitudeDeg(), after.latitudeDeg(), after.longitudeDeg());
            assertThat(movedM).as("metres moved in step %d", i).isLessThanOrEqualTo(80 / 3.6 * STEP_S);
            assertThat(after.odometerM()).as("odometer at step %d", i).isGreaterThanOrEqualTo(before.odometerM());
            assertThat(after.speedKmh()).as("speed at step %d", i).isBetween(0.0, 80.0);
        }
    }

    @Test
    void cancel_drops_the_remaining_stops() {
        assign(job("j-1", 8, 1, 5));
        List<Sample> before = new ArrayList<>();
        while (!events.seen.contains("s8") && before.size() < MAX_STEPS) {
            before.addAll(drive(1));
        }

        driver.submit(new JobDriver.Order.Cancel("j-1"));
        List<Sample> after = drive(MAX_STEPS);

        assertThat(events.seen).containsExactly("s8");
        assertThat(after.get(0).dwelling()).isFalse();
        assertThat(after).allSatisfy(sample -> assertThat(sample.jobId()).isEmpty());
    }

    @Test
    void cancel_of_another_job_changes_nothing() {
        assign(job("j-1", 6));
        drive(5);

        driver.submit(new JobDriver.Order.Cancel("j-other"));
        drive(MAX_STEPS);

        assertThat(events.seen).containsExactly("s6", "done:j-1");
    }

    @Test
    void new_job_replaces_the_current_one() {
        assign(job("j-1", 8, 1));
        drive(20);

        assign(job("j-2", 4, 6));
        drive(MAX_STEPS);

        assertThat(events.seen).containsExactly("s4", "s6", "done:j-2");
    }

    @Test
    void delivery_vehicle_resumes_its_rounds_after_a_job() {
        DeliveryProfile delivery = new DeliveryProfile(1, 10, 3, 30, 60, 60);
        Places places = Places.choose(GRID, 1, 10, new SplittableRandom(4));
        var own = new DeliveryDriver(
                GRID,
                DrivingProfile.CITY,
                delivery,
                places,
                places.depots().get(0),
                PROJECTION,
                new SplittableRandom(6));
        var deliveryDriver =
                new JobDriver(own, GRID, DrivingProfile.CITY, JOBS, PROJECTION, new SplittableRandom(7), events);
        deliveryDriver.advance(120);
        deliveryDriver.submit(new JobDriver.Order.Assign(PLANNER.plan("c-1", job("j-1", 5))));

        List<Integer> placesVisited = new ArrayList<>();
        for (int i = 0; i < 2 * MAX_STEPS; i++) {
            deliveryDriver.advance(STEP_S);
            if (events.seen.contains("done:j-1") && own.dwellingAt() >= 0) {
                placesVisited.add(own.dwellingAt());
            }
        }

        assertThat(events.seen).containsExactly("s5", "done:j-1");
        assertThat(placesVisited).isNotEmpty();
        assertThat(places.customers()).containsAnyElementsOf(placesVisited);
    }
}
