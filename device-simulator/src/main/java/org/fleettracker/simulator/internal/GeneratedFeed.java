package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.VehicleDriver;

import java.time.Duration;
import java.time.Instant;

/**
 * Endless fixes of a vehicle driving the street grid, one every {@code interval} of the vehicle's time, the first at
 * {@code phase}. Each fix is sent after its time since the start divided by {@code speedup}.
 */
public final class GeneratedFeed implements FixFeed {

    private final VehicleDriver driver;
    private final Instant start;
    private final Duration phase;
    private final Duration interval;
    private final double speedup;
    private long index;

    public GeneratedFeed(VehicleDriver driver, Instant start, Duration phase, Duration interval, double speedup) {
        this.driver = driver;
        this.start = start;
        this.phase = phase;
        this.interval = interval;
        this.speedup = speedup;
    }

    @Override
    public PlannedFix next() {
        var fix = index == 0 ? driver.current() : driver.advance(interval.toNanos() / 1e9);
        Duration offset = phase.plus(interval.multipliedBy(index));
        index++;
        return PlannedFix.spedUp(offset, start, speedup, fix);
    }
}
