package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.StreetDriver;

import java.time.Duration;
import java.time.Instant;

/** Endless fixes of a vehicle driving the street grid, one every {@code interval}, the first at {@code phase}. */
public final class GeneratedFeed implements FixFeed {

    private final StreetDriver driver;
    private final Instant start;
    private final Duration phase;
    private final Duration interval;
    private long index;

    public GeneratedFeed(StreetDriver driver, Instant start, Duration phase, Duration interval) {
        this.driver = driver;
        this.start = start;
        this.phase = phase;
        this.interval = interval;
    }

    @Override
    public PlannedFix next() {
        var fix = index == 0 ? driver.current() : driver.advance(interval.toNanos() / 1e9);
        Duration offset = phase.plus(interval.multipliedBy(index));
        index++;
        return new PlannedFix(offset, start.plus(offset), fix);
    }
}
