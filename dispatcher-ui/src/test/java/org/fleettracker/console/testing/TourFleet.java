package org.fleettracker.console.testing;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Vehicles of a test that first publish a stretch of past fixes, as after a shift, and then one live fix each per
 * interval until closed. Each vehicle is a {@link TourVehicle} with its own connection.
 */
public final class TourFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TourFleet.class);

    private final List<TourVehicle> vehicles = new ArrayList<>();
    private final List<TourVehicle> live = new ArrayList<>();
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tour-fleet-publisher");
        thread.setDaemon(true);
        return thread;
    });

    /** Adds a connected vehicle; the fleet closes it. */
    public TourVehicle add(TourVehicle vehicle) {
        vehicles.add(vehicle);
        return vehicle;
    }

    /**
     * Publishes the fixes of every vehicle from {@code now - span} up to {@code now}, {@code step} apart, in fix-time
     * order, and waits for each PUBACK.
     *
     * @throws RuntimeException when a publish fails
     */
    public void publishPast(Instant now, Duration span, Duration step) {
        for (Instant time = now.minus(span); time.isBefore(now); time = time.plus(step)) {
            for (TourVehicle vehicle : vehicles) {
                vehicle.publishFix(time);
            }
        }
    }

    /**
     * Starts publishing one fix of each vehicle in {@code liveVehicles} per {@code interval}, with the current time
     * as fix time. A failed publish is logged and the next interval tries again.
     */
    public synchronized void startLive(List<TourVehicle> liveVehicles, Duration interval) {
        live.addAll(liveVehicles);
        publisher.scheduleAtFixedRate(this::publishLive, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the live fixes of {@code vehicle}, as before it goes offline. */
    public synchronized void stopLive(TourVehicle vehicle) {
        live.remove(vehicle);
    }

    @Override
    public void close() throws MqttException {
        publisher.shutdownNow();
        for (TourVehicle vehicle : vehicles) {
            vehicle.close();
        }
    }

    private synchronized void publishLive() {
        Instant now = Instant.now();
        for (TourVehicle vehicle : live) {
            try {
                vehicle.publishFix(now);
            } catch (RuntimeException e) {
                // Caught so that one failed fix does not end the schedule.
                log.warn("Live fix of vehicle {} failed: {}", vehicle.vehicleId(), e.getMessage());
            }
        }
    }
}
