package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.DeliveryDriver;
import org.fleettracker.simulator.internal.motion.GpsNoise;
import org.fleettracker.simulator.internal.motion.MotionFix;
import org.fleettracker.simulator.internal.motion.ReportSchedule;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Endless fixes of a vehicle doing delivery rounds, with GPS noise on each position and a report rate that depends
 * on whether the vehicle is moving; the first fix is at {@code phase}.
 *
 * <p>While the vehicle dwells at a stop, the feed still looks at it every moving interval, so the first fix after it
 * leaves is at most one moving interval late instead of one stopped interval.
 */
public final class DeliveryFeed implements FixFeed {

    private final DeliveryDriver driver;
    private final GpsNoise noise;
    private final ReportSchedule schedule;
    private final SplittableRandom random;
    private final Instant start;
    private Duration offset;
    private boolean started;

    public DeliveryFeed(
            DeliveryDriver driver,
            GpsNoise noise,
            ReportSchedule schedule,
            SplittableRandom random,
            Instant start,
            Duration phase) {
        this.driver = driver;
        this.noise = noise;
        this.schedule = schedule;
        this.random = random;
        this.start = start;
        this.offset = phase;
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
        return new PlannedFix(offset, start.plus(offset), fix);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
