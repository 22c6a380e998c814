package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.DeliveryDriver;
import org.fleettracker.simulator.internal.motion.DeliveryProfile;
import org.fleettracker.simulator.internal.motion.DrivingProfile;
import org.fleettracker.simulator.internal.motion.Geo;
import org.fleettracker.simulator.internal.motion.GpsNoise;
import org.fleettracker.simulator.internal.motion.Places;
import org.fleettracker.simulator.internal.motion.ReportSchedule;
import org.fleettracker.simulator.internal.motion.StreetGrid;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledFeedTest {

    private static final Duration MOVING = Duration.ofSeconds(1);
    private static final Duration STOPPED = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2024-05-01T08:00:00Z");
    private static final int FIXES = 3_000;

    @Test
    void stopped_vehicle_reports_less_often() {
        List<PlannedFix> fixes = run(1, 0);

        List<Duration> gaps = gaps(fixes);
        long movingGaps = gaps.stream().filter(MOVING::equals).count();
        long stoppedGaps = gaps.stream().filter(STOPPED::equals).count();

        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(MOVING, STOPPED));
        assertThat(movingGaps).isGreaterThan(FIXES / 2);
        assertThat(stoppedGaps).isPositive();
    }

    @Test
    void departure_is_reported_within_one_moving_interval() {
        List<Duration> gaps = gaps(run(2, 0));

        List<Duration> gapsAfterShortened = new ArrayList<>();
        for (int i = 0; i + 1 < gaps.size(); i++) {
            if (gaps.get(i).compareTo(MOVING) > 0 && gaps.get(i).compareTo(STOPPED) < 0) {
                gapsAfterShortened.add(gaps.get(i + 1));
            }
        }

        // A stopped wait cut short means the vehicle left, so the next wait is already the moving one.
        assertThat(gapsAfterShortened).isNotEmpty();
        assertThat(gapsAfterShortened).allSatisfy(gap -> assertThat(gap).isEqualTo(MOVING));
    }

    @Test
    void jitter_spreads_moving_gaps() {
        List<Duration> gaps = gaps(run(3, 0.2));

        long exactGaps = gaps.stream().filter(MOVING::equals).count();
        long distinctGaps = gaps.stream().distinct().count();

        assertThat(exactGaps).isLessThan(FIXES / 20);
        assertThat(distinctGaps).isGreaterThan(FIXES / 2);
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(Duration.ofMillis(800), Duration.ofSeconds(36)));
    }

    @Test
    void fixes_carry_offset_time_and_accuracy() {
        List<PlannedFix> fixes = run(4, 0.1);

        assertThat(fixes).allSatisfy(fix -> {
            assertThat(fix.fixTime()).isEqualTo(START.plus(fix.sendOffset()));
            assertThat(fix.fix().accuracyM()).isEqualTo(4.0);
        });
    }

    @Test
    void same_seed_gives_same_fixes() {
        assertThat(run(5, 0.1)).isEqualTo(run(5, 0.1));
    }

    private static List<PlannedFix> run(long seed, double jitterFraction) {
        SplittableRandom random = new SplittableRandom(seed);
        StreetGrid grid = StreetGrid.generate(1_500, DrivingProfile.CITY, random.split());
        DeliveryProfile delivery = new DeliveryProfile(1, 20, 3, 60, 120, 120);
        Places places = Places.choose(grid, 1, 20, random.split());
        var driver = new DeliveryDriver(
                grid,
                DrivingProfile.CITY,
                delivery,
                places,
                places.depots().get(0),
                new Geo.LocalProjection(46.0569, 14.5058),
                random.split());
        var feed = new ScheduledFeed(
                driver,
                new GpsNoise(4, 30, random.split()),
                new ReportSchedule(MOVING, STOPPED, jitterFraction),
                random.split(),
                START,
                Duration.ZERO,
                1);
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
