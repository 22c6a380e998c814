package org.fleettracker.simulator.internal;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.simulator.internal.motion.DrivingProfile;
import org.fleettracker.simulator.internal.motion.Geo;
import org.fleettracker.simulator.internal.motion.GpsNoise;
import org.fleettracker.simulator.internal.motion.JobDriver;
import org.fleettracker.simulator.internal.motion.JobPlan;
import org.fleettracker.simulator.internal.motion.JobPlanner;
import org.fleettracker.simulator.internal.motion.JobProfile;
import org.fleettracker.simulator.internal.motion.MotionFix;
import org.fleettracker.simulator.internal.motion.Places;
import org.fleettracker.simulator.internal.motion.ReportSchedule;
import org.fleettracker.simulator.internal.motion.StreetDriver;
import org.fleettracker.simulator.internal.motion.StreetGrid;
import org.fleettracker.simulator.internal.motion.VehicleDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A grid vehicle's fixes through {@link ScheduledFeed}: GPS noise, report jitter and the stopped rate at a job. */
class GridFeedTest {

    private static final Duration MOVING = Duration.ofSeconds(1);
    private static final Duration STOPPED = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2024-05-01T08:00:00Z");
    private static final int FIXES = 600;
    private static final double NOISE_M = 4;
    private static final StreetGrid GRID = StreetGrid.generate(1_500, DrivingProfile.CITY, new SplittableRandom(5));
    private static final Geo.LocalProjection PROJECTION = new Geo.LocalProjection(46.0569, 14.5058);

    @Test
    void zero_noise_and_jitter_give_exact_positions() {
        List<PlannedFix> fixes = run(feed(streetDriver(7), 0, 0, 11));
        StreetDriver exact = streetDriver(7);

        for (int i = 0; i < fixes.size(); i++) {
            MotionFix expected = i == 0 ? exact.current() : exact.advance(MOVING.toNanos() / 1e9);
            assertThat(fixes.get(i).fix()).as("fix %d", i).isEqualTo(expected);
            assertThat(fixes.get(i).sendOffset()).as("offset of fix %d", i).isEqualTo(MOVING.multipliedBy(i));
        }
    }

    @Test
    void noise_moves_positions_by_about_its_rms() {
        List<PlannedFix> noisy = run(feed(streetDriver(7), NOISE_M, 0, 11));
        List<PlannedFix> exact = run(feed(streetDriver(7), 0, 0, 11));

        double sumSquaresM2 = 0;
        for (int i = 0; i < noisy.size(); i++) {
            MotionFix a = noisy.get(i).fix();
            MotionFix b = exact.get(i).fix();
            double offsetM = Geo.distanceM(a.latitudeDeg(), a.longitudeDeg(), b.latitudeDeg(), b.longitudeDeg());
            sumSquaresM2 += offsetM * offsetM;
            assertThat(a.speedKmh()).as("speed of fix %d", i).isEqualTo(b.speedKmh());
            assertThat(a.accuracyM()).as("accuracy of fix %d", i).isEqualTo(NOISE_M);
        }
        double rmsM = Math.sqrt(sumSquaresM2 / noisy.size());

        // The error is correlated over 30 s, so 600 fixes hold about 20 independent samples of it.
        assertThat(rmsM).isBetween(NOISE_M / 3, NOISE_M * 3);
    }

    @Test
    void jitter_spreads_moving_gaps() {
        List<Duration> gaps = gaps(run(feed(streetDriver(7), NOISE_M, 0.2, 11)));

        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200)));
        assertThat(gaps.stream().distinct().count()).isGreaterThan(FIXES / 2);
        assertThat(gaps.stream().mapToLong(Duration::toMillis).average().orElseThrow())
                .isCloseTo(1_000, within(20.0));
    }

    @Test
    void same_seed_gives_same_fixes() {
        assertThat(run(feed(streetDriver(7), NOISE_M, 0.1, 11)))
                .isEqualTo(run(feed(streetDriver(7), NOISE_M, 0.1, 11)));
    }

    @Test
    void job_stop_uses_stopped_rate() {
        JobProfile jobs = JobProfile.withDwellS(120);
        var driver = new JobDriver(
                streetDriver(8), GRID, DrivingProfile.CITY, jobs, PROJECTION, new SplittableRandom(9), NO_EVENTS);
        driver.submit(new JobDriver.Order.Assign(new JobPlanner(GRID, PROJECTION, jobs).plan("c-1", job())));
        ScheduledFeed feed = feed(driver, 0, 0, 11);

        List<Duration> gaps = gaps(run(feed));

        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(MOVING, STOPPED));
        assertThat(gaps).contains(STOPPED);
        assertThat(gaps.stream().filter(MOVING::equals).count()).isGreaterThan(FIXES / 2);
    }

    private static final JobDriver.Listener NO_EVENTS = new JobDriver.Listener() {
        @Override
        public void stopReached(JobPlan job, String stopId) {}

        @Override
        public void jobDone(JobPlan job) {}
    };

    /** Returns a job with one stop at an intersection that the vehicles can reach. */
    private static Job job() {
        int node =
                Places.choose(GRID, 1, 1, new SplittableRandom(3)).customers().get(0);
        JobStop stop = new JobStop(
                "s1",
                JobStopKind.DROP_OFF,
                "Stop 1",
                PROJECTION.latitudeDeg(GRID.yM(node)),
                PROJECTION.longitudeDeg(GRID.xM(node)),
                30,
                null,
                null);
        return new Job("j1", "v1", List.of(stop));
    }

    private static StreetDriver streetDriver(long seed) {
        return new StreetDriver(GRID, DrivingProfile.CITY, PROJECTION, new SplittableRandom(seed));
    }

    private static ScheduledFeed feed(VehicleDriver driver, double noiseM, double jitterFraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new ScheduledFeed(
                driver,
                new GpsNoise(noiseM, 30, random.split()),
                new ReportSchedule(MOVING, STOPPED, jitterFraction),
                random.split(),
                START,
                Duration.ZERO,
                1);
    }

    private static List<PlannedFix> run(ScheduledFeed feed) {
        List<PlannedFix> fixes = new ArrayList<>();
        for (int i = 0; i < FIXES; i++) {
            fixes.add(feed.next());
        }
        return fixes;
    }

    private static List<Duration> gaps(List<PlannedFix> fixes) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < fixes.size(); i++) {
            gaps.add(fixes.get(i).sendOffset().minus(fixes.get(i - 1).sendOffset()));
        }
        return gaps;
    }
}
