package org.fleettracker.simulator.internal.metrics;

import io.micrometer.core.instrument.Tags;
import org.fleettracker.simulator.internal.JobCounters;
import org.fleettracker.simulator.internal.SimulatorEngine;
import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The meters that read a run's counters at each scrape, summed over its vehicles. Prometheus names: {@code
 * simulator_vehicles}, {@code simulator_vehicles_connected}, {@code simulator_vehicles_rejected}, {@code
 * simulator_publishes_total}, {@code simulator_publishes_acknowledged_total}, {@code
 * simulator_publishes_rejected_total}, {@code simulator_publishes_quota_retries_total}, {@code
 * simulator_fixes_discarded_total}, {@code simulator_buffer_fixes}, {@code simulator_buffer_fullest_vehicle_fixes},
 * {@code simulator_buffer_vehicle_limit_fixes}, {@code simulator_buffer_dropped_total{policy}}, {@code
 * simulator_buffer_disk_fixes}, {@code simulator_buffer_disk_not_written_total}, {@code
 * simulator_buffer_restored_total}, {@code simulator_commands_applied_total}, {@code simulator_jobs_total{outcome}},
 * {@code simulator_job_stops_reached_total} and {@code simulator_faults_injected_total{kind}}.
 */
public final class RunMeters {

    private RunMeters() {}

    /**
     * Registers the run's meters.
     *
     * @param vehicleLimit fixes one vehicle keeps waiting before its buffer drops one
     * @param overflowPolicy the {@code --buffer-overflow} policy, such as {@code drop-oldest}, as the tag of drops
     * @param journal the buffer on disk, or null when fixes are kept in memory only
     */
    public static void bind(
            SimulatorMeters meters,
            SimulatorEngine engine,
            JobCounters jobs,
            int vehicleLimit,
            String overflowPolicy,
            @Nullable FixJournal journal) {
        List<TelemetryLink> links = engine.links();
        bindVehicles(meters, links);
        bindPublishes(meters, links);
        bindBuffer(meters, links, vehicleLimit, overflowPolicy, journal);
        bindJobs(meters, links, jobs);
        bindFaults(meters, engine);
    }

    private static void bindVehicles(SimulatorMeters meters, List<TelemetryLink> links) {
        meters.gauge("simulator.vehicles", "Vehicles of the run", links::size);
        meters.gauge("simulator.vehicles.connected", "Vehicles whose MQTT connection is up", () -> links.stream()
                .filter(TelemetryLink::isConnected)
                .count());
        meters.gauge(
                "simulator.vehicles.rejected",
                "Vehicles that stopped connecting because the broker rejected their login for good",
                () -> links.stream()
                        .filter(link -> link.connectRejection() != null)
                        .count());
    }

    private static void bindPublishes(SimulatorMeters meters, List<TelemetryLink> links) {
        sum(
                meters,
                "simulator.publishes",
                "Telemetry PUBLISH packets handed to the client, resends included",
                links,
                TelemetryLink::published);
        sum(
                meters,
                "simulator.publishes.acknowledged",
                "Fixes the broker acknowledged with a success code",
                links,
                TelemetryLink::acknowledged);
        sum(
                meters,
                "simulator.publishes.rejected",
                "Fixes the broker rejected with an error reason code; not sent again",
                links,
                TelemetryLink::rejected);
        sum(
                meters,
                "simulator.publishes.quota.retries",
                "Fixes the broker rejected with QUOTA_EXCEEDED, to be sent again after 1 s",
                links,
                TelemetryLink::quotaRetries);
        sum(
                meters,
                "simulator.fixes.discarded",
                "Fixes discarded unsent because the broker rejected the vehicle's login for good",
                links,
                TelemetryLink::discarded);
    }

    private static void bindBuffer(
            SimulatorMeters meters,
            List<TelemetryLink> links,
            int vehicleLimit,
            String overflowPolicy,
            @Nullable FixJournal journal) {
        meters.gauge(
                "simulator.buffer.fixes",
                "Fixes waiting to be sent or acknowledged, over all vehicles",
                () -> links.stream().mapToLong(TelemetryLink::pending).sum());
        meters.gauge(
                "simulator.buffer.fullest.vehicle.fixes",
                "Fixes waiting at the vehicle with the most",
                () -> links.stream().mapToLong(TelemetryLink::pending).max().orElse(0));
        meters.gauge(
                "simulator.buffer.vehicle.limit.fixes",
                "Fixes one vehicle keeps waiting before its buffer drops one (--buffer-limit)",
                () -> vehicleLimit);
        meters.functionCounter(
                "simulator.buffer.dropped",
                "Fixes a full buffer dropped, by --buffer-overflow policy",
                Tags.of("policy", overflowPolicy),
                () -> links.stream().mapToLong(TelemetryLink::dropped).sum());
        meters.gauge(
                "simulator.buffer.disk.fixes",
                "Fixes in the buffer on disk; 0 without --buffer-dir",
                () -> journal == null ? 0 : journal.fixesOnDisk());
        meters.functionCounter(
                "simulator.buffer.disk.not.written",
                "Fixes that could not be written to the buffer on disk, such as on a full disk",
                Tags.empty(),
                () -> journal == null ? 0 : journal.fixesNotWritten());
        sum(
                meters,
                "simulator.buffer.restored",
                "Fixes a previous run left on disk and this run sends first",
                links,
                TelemetryLink::restored);
    }

    private static void bindJobs(SimulatorMeters meters, List<TelemetryLink> links, JobCounters jobs) {
        sum(
                meters,
                "simulator.commands.applied",
                "Commands the vehicles applied, repeated ids not counted",
                links,
                TelemetryLink::commandsApplied);
        String description = "Dispatch jobs, by outcome: accepted, rejected or completed";
        meters.functionCounter("simulator.jobs", description, Tags.of("outcome", "accepted"), jobs::accepted);
        meters.functionCounter("simulator.jobs", description, Tags.of("outcome", "rejected"), jobs::rejected);
        meters.functionCounter("simulator.jobs", description, Tags.of("outcome", "completed"), jobs::completed);
        meters.functionCounter(
                "simulator.job.stops.reached", "Stops of jobs that vehicles reached", Tags.empty(), jobs::stopsReached);
    }

    private static void bindFaults(SimulatorMeters meters, SimulatorEngine engine) {
        String description = "Faults injected on purpose, by kind";
        meters.functionCounter(
                "simulator.faults.injected",
                description,
                Tags.of("kind", "connection-drop"),
                engine::connectionsDropped);
        meters.functionCounter(
                "simulator.faults.injected", description, Tags.of("kind", "duplicate"), () -> engine.faults()
                        .duplicates());
        meters.functionCounter(
                "simulator.faults.injected", description, Tags.of("kind", "out-of-order"), () -> engine.faults()
                        .reordered());
        meters.functionCounter(
                "simulator.faults.injected", description, Tags.of("kind", "malformed"), () -> engine.faults()
                        .malformed());
        meters.functionCounter(
                "simulator.faults.injected", description, Tags.of("kind", "skewed-fix"), engine::skewedFixes);
    }

    private static void sum(
            SimulatorMeters meters,
            String name,
            String description,
            List<TelemetryLink> links,
            ToLongFunction<TelemetryLink> count) {
        meters.functionCounter(name, description, Tags.empty(), () -> links.stream()
                .mapToLong(count)
                .sum());
    }
}
