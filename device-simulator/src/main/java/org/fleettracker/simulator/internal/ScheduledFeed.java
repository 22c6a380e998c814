package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.GpsNoise;
import org.fleettracker.simulator.internal.motion.MotionFix;
import org.fleettracker.simulator.internal.motion.ReportSchedule;
import org.fleettracker.simulator.internal.motion.VehicleDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Endless fixes of a generated vehicle, on the street grid or on delivery rounds, with GPS noise on each position and
 * a report rate that depends on whether the vehicle is moving. The first fix is at {@code phase}. Waits and fix times
 * are on the vehicle's clock, which runs {@code speedup} times faster than the wall clock.
 *
 * <p>A vehicle counts as stopped while it dwells at a place, such as a delivery customer or a job's stop, but a wait
 * at an intersection counts as moving. While the vehicle dwells, the feed still looks at it every moving interval,
 * so the first fix after it leaves is at most one moving interval late instead of one stopped interval.
 */
public final class ScheduledFeed implements FixFeed {

    private final VehicleDriver driver;
    private final GpsNoise noise;
    private final ReportSchedule schedule;
    private final SplittableRandom random;
    private final Instant start;
    private final double speedup;
    private Duration offset;
    private boolean started;

    public ScheduledFeed(
            VehicleDriver driver,
            GpsNoise noise,
            ReportSchedule schedule,
            SplittableRandom random,
            Instant start,
            Duration phase,
            double speedup) {
        this.driver = driver;
        this.noise = noise;
        this.schedule = schedule;
        this.random = random;
        this.start = start;
        this.offset = phase;
        this.speedup = speedup;
    }

    @Override
    public PlannedFix next() {
        if (!started) {
            started = true;
            return planned(noise.apply(driver.current(), 0));
        }
        Duration wait = schedule.next(!driver.isDwelling(), random);
        Duration waited = driver.isDwelling() ? waitWhileDwelling(wait) : advance(wait);
        offset = offset.plus(waited);
        return planned(noise.apply(driver.current(), waited.toNanos() / 1e9));
    }

    private Duration waitWhileDwelling(Duration wait) {
        Duration waited = Duration.ZERO;
        while (waited.compareTo(wait) < 0 && driver.isDwelling()) {
            Duration step = min(schedule.movingInterval(), wait.minus(waited));
            waited = waited.plus(advance(step));
        }
        return waited;
    }

    private Duration advance(Duration wait) {
        driver.advance(wait.toNanos() / 1e9);
        return wait;
    }

    private PlannedFix planned(MotionFix fix) {
        return PlannedFix.spedUp(offset, start, speedup, fix);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
