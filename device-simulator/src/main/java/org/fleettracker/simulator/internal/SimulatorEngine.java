package org.fleettracker.simulator.internal;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.simulator.internal.motion.MotionFix;
import org.fleettracker.simulator.internal.mqtt.LinkResources;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each vehicle's fixes at their planned offsets and tracks when the run is complete.
 *
 * <p>A vehicle's seq starts at the run's start time in epoch milliseconds and grows by 1 per fix, so a restarted
 * simulator never reuses one. A vehicle whose link restored fixes from the buffer on disk starts after the highest
 * restored seq when that is later, so the tracker does not take its new fixes for duplicates.
 *
 * <p>The run is complete when every feed has ended (at its last fix, at the duration, or because the broker rejected
 * the vehicle's connect for good) and every link has no fix left to send or to be acknowledged. With a duration,
 * the run is also complete once the duration and then the acknowledgement grace period have passed, even if fixes
 * are still pending, so an unreachable broker cannot keep it running. Thread-safe.
 */
public final class SimulatorEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorEngine.class);

    // TODO: 5,000 vehicles take 16 to 18 s to stop (BENCHMARKS.md); Paho's polling loops per close are not measured.
    /**
     * Maximum number of links closing at the same time. Closing links raise the resident memory, mostly in thread
     * stacks: with 5,000 links closing at once the simulator peaked at 1,556 MiB. With this limit, 1,500 vehicles
     * stopped in 2.6 s and gained 58 MiB of RSS on a 2-core machine (device-simulator/BENCHMARKS.md).
     */
    private static final int MAX_CLOSES_IN_FLIGHT = 1_000;

    /** Maximum wait for all links to close. */
    private static final Duration CLOSE_WAIT = Duration.ofMinutes(1);

    private final List<Vehicle> vehicles;
    private final Instant start;
    private final long startNanos;
    private final @Nullable Duration duration;
    private final @Nullable Boolean ignition;
    private final Duration acknowledgementGrace;
    private final LinkResources resources;
    private final ScheduledExecutorService scheduler;
    private final FaultInjector faults;
    private final @Nullable Duration dropConnectionEvery;
    private final SplittableRandom dropRandom;
    private final AtomicLong connectionsDropped = new AtomicLong();
    private final AtomicLong skewedFixes = new AtomicLong();
    private final Set<String> endedFeeds = ConcurrentHashMap.newKeySet();
    private final Object completionMonitor = new Object();
    private volatile boolean closed;

    /**
     * A vehicle's connection, the fixes it sends and the faults injected into them.
     *
     * @param fixTimeShift shift added to every fix time, zero for a vehicle whose clock is right
     */
    public record Vehicle(
            TelemetryLink link, FixFeed feed, FaultInjector.VehicleFaults faults, Duration fixTimeShift) {}

    /**
     * Creates the engine; {@link #start()} connects the vehicles and starts the feeds.
     *
     * @param duration when the feeds stop, measured by send offset, or null to run each feed to its end
     * @param ignition the ignition value every fix reports, or null to leave it out
     * @param acknowledgementGrace how long after the duration pending fixes may still be acknowledged
     * @param resources the links' shared threads, which {@link #close()} stops
     * @param faults the injector that every vehicle's faults belong to
     * @param dropConnectionEvery period after which one random connected vehicle loses its connection, or null
     * @param dropRandom chooses the vehicle whose connection is dropped
     */
    public SimulatorEngine(
            List<Vehicle> vehicles,
            Instant start,
            @Nullable Duration duration,
            @Nullable Boolean ignition,
            Duration acknowledgementGrace,
            LinkResources resources,
            FaultInjector faults,
            @Nullable Duration dropConnectionEvery,
            SplittableRandom dropRandom) {
        this.vehicles = List.copyOf(vehicles);
        this.start = start;
        this.startNanos = System.nanoTime();
        this.duration = duration;
        this.ignition = ignition;
        this.acknowledgementGrace = acknowledgementGrace;
        this.resources = resources;
        this.scheduler = resources.scheduler();
        this.faults = faults;
        this.dropConnectionEvery = dropConnectionEvery;
        this.dropRandom = dropRandom;
    }

    /**
     * Starts every link, which connect as connect permits come free so that Paho's slow connects overlap, then
     * schedules each first fix.
     */
    public void start() {
        for (Vehicle vehicle : this.vehicles) {
            vehicle.link().onIdle(this::signalProgress);
            vehicle.link().onConnectRejected(() -> feedEnded(vehicle));
            vehicle.link().start();
        }
        for (Vehicle vehicle : this.vehicles) {
            scheduleNext(vehicle, Math.max(start.toEpochMilli(), vehicle.link().maxRestoredSeq() + 1));
        }
        if (dropConnectionEvery != null) {
            long periodNanos = dropConnectionEvery.toNanos();
            scheduler.scheduleAtFixedRate(this::dropRandomConnection, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
        if (duration != null) {
            long delayNanos = startNanos + duration.plus(acknowledgementGrace).toNanos() - System.nanoTime();
            scheduler.schedule(this::gracePeriodEnded, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }
    }

    public LinkResources resources() {
        return resources;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Returns how many connections the simulator closed on purpose. */
    public long connectionsDropped() {
        return connectionsDropped.get();
    }

    /** Returns how many fixes carried a shifted fix time. */
    public long skewedFixes() {
        return skewedFixes.get();
    }

    public List<TelemetryLink> links() {
        return vehicles.stream().map(Vehicle::link).toList();
    }

    /**
     * Returns whether every feed has ended and every fix was acknowledged, rejected, dropped or discarded, or the
     * duration and the grace period after it have passed.
     */
    public boolean isComplete() {
        return endedFeeds.size() == vehicles.size() && (isIdle() || isGracePeriodOver());
    }

    private boolean isIdle() {
        return vehicles.stream().allMatch(v -> v.link().pending() == 0);
    }

    private boolean isGracePeriodOver() {
        return duration != null
                && System.nanoTime() - startNanos
                        >= duration.plus(acknowledgementGrace).toNanos();
    }

    private void gracePeriodEnded() {
        long pending = vehicles.stream().mapToLong(v -> v.link().pending()).sum();
        if (pending > 0) {
            log.warn(
                    "{} fixes were not acknowledged within {} ms after the {} s duration, so the run ends without them",
                    pending,
                    acknowledgementGrace.toMillis(),
                    duration == null ? 0 : duration.toSeconds());
        }
        signalProgress();
    }

    /** Waits until {@link #isComplete()} or the timeout; returns false on timeout or interruption. */
    public boolean awaitCompletion(Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        synchronized (completionMonitor) {
            while (!isComplete()) {
                long remainingNanos = deadlineNanos - System.nanoTime();
                if (remainingNanos <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(completionMonitor, remainingNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Stops the feeds, closes the links with at most {@link #MAX_CLOSES_IN_FLIGHT} at a time and waits for them, at
     * most {@link #CLOSE_WAIT}. Links still open then are cut when the shared threads stop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        resources.beginClosing();
        long deadlineNanos = System.nanoTime() + CLOSE_WAIT.toNanos();
        Semaphore closeSlots = new Semaphore(MAX_CLOSES_IN_FLIGHT);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        try {
            for (Vehicle vehicle : vehicles) {
                if (!closeSlots.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException(closing.size() + " of " + vehicles.size() + " links started closing");
                }
                closing.add(vehicle.link().close().whenComplete((ignored, error) -> closeSlots.release()));
            }
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while closing {} vehicle connections", vehicles.size());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Closing {} vehicle connections did not finish: {}", vehicles.size(), e.toString());
        }
        resources.close();
        signalProgress();
    }

    private void scheduleNext(Vehicle vehicle, long seq) {
        if (closed) {
            return;
        }
        if (vehicle.link().connectRejection() != null) {
            feedEnded(vehicle);
            return;
        }
        PlannedFix planned = vehicle.feed().next();
        if (planned == null || (duration != null && planned.sendOffset().compareTo(duration) > 0)) {
            vehicle.faults().flush(vehicle.link());
            feedEnded(vehicle);
            return;
        }
        long delayNanos = startNanos + planned.sendOffset().toNanos() - System.nanoTime();
        try {
            scheduler.schedule(() -> send(vehicle, seq, planned), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug(
                    "Vehicle {} stopped sending because the simulator is closing",
                    vehicle.link().vehicleId());
        }
    }

    private void send(Vehicle vehicle, long seq, PlannedFix planned) {
        if (closed) {
            return;
        }
        try {
            Telemetry fix = telemetry(vehicle, seq, planned);
            if (!vehicle.fixTimeShift().isZero()) {
                skewedFixes.incrementAndGet();
            }
            vehicle.faults().send(fix, vehicle.link());
        } catch (IllegalArgumentException e) {
            log.error(
                    "Fix seq {} of vehicle {} is invalid and was skipped: {}",
                    seq,
                    vehicle.link().vehicleId(),
                    e.getMessage());
        }
        scheduleNext(vehicle, seq + 1);
    }

    private Telemetry telemetry(Vehicle vehicle, long seq, PlannedFix planned) {
        MotionFix fix = planned.fix();
        return new Telemetry(
                vehicle.link().vehicleId(),
                seq,
                planned.fixTime().plus(vehicle.fixTimeShift()),
                fix.latitudeDeg(),
                fix.longitudeDeg(),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                fix.accuracyM(),
                fix.odometerM(),
                ignition,
                null,
                null);
    }

    /** Closes the TCP connection of one connected vehicle, chosen at random, as a lost network would. */
    private void dropRandomConnection() {
        List<TelemetryLink> connected = vehicles.stream()
                .map(Vehicle::link)
                .filter(TelemetryLink::isConnected)
                .toList();
        if (closed || connected.isEmpty()) {
            return;
        }
        TelemetryLink link = connected.get(dropRandom.nextInt(connected.size()));
        if (link.dropConnection()) {
            log.debug("Dropped the connection of vehicle {} on purpose", link.vehicleId());
            connectionsDropped.incrementAndGet();
        }
    }

    /** Marks the vehicle's feed as ended; a later call for the same vehicle changes nothing. */
    private void feedEnded(Vehicle vehicle) {
        if (endedFeeds.add(vehicle.link().vehicleId())) {
            log.debug("Vehicle {} has sent its last fix", vehicle.link().vehicleId());
        }
        signalProgress();
    }

    private void signalProgress() {
        synchronized (completionMonitor) {
            completionMonitor.notifyAll();
        }
    }
}
