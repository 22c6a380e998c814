package org.fleettracker.simulator.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.fleettracker.simulator.internal.JobCounters;
import org.fleettracker.simulator.internal.SimulatorEngine;
import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.ToLongFunction;

import static org.fleettracker.simulator.internal.metrics.SimulatorMeters.functionCounter;
import static org.fleettracker.simulator.internal.metrics.SimulatorMeters.gauge;

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
            MeterRegistry registry,
            SimulatorEngine engine,
            JobCounters jobs,
            int vehicleLimit,
            String overflowPolicy,
            @Nullable FixJournal journal) {
        List<TelemetryLink> links = engine.links();
        bindVehicles(registry, links);
        bindPublishes(registry, links);
        bindBuffer(registry, links, vehicleLimit, overflowPolicy, journal);
        bindJobs(registry, links, jobs);
        bindFaults(registry, engine);
    }

    private static void bindVehicles(MeterRegistry registry, List<TelemetryLink> links) {
        gauge(registry, "simulator.vehicles", "Vehicles of the run", links::size);
        gauge(registry, "simulator.vehicles.connected", "Vehicles whose MQTT connection is up", () -> links.stream()
                .filter(TelemetryLink::isConnected)
                .count());
        gauge(
                registry,
                "simulator.vehicles.rejected",
                "Vehicles that stopped connecting because the broker rejected their login for good",
                () -> links.stream()
                        .filter(link -> link.connectRejection() != null)
                        .count());
    }

    private static void bindPublishes(MeterRegistry registry, List<TelemetryLink> links) {
        sum(
                registry,
                "simulator.publishes",
                "Telemetry PUBLISH packets handed to the client, resends included",
                links,
                TelemetryLink::published);
        sum(
                registry,
                "simulator.publishes.acknowledged",
                "Fixes the broker acknowledged with a success code",
                links,
                TelemetryLink::acknowledged);
        sum(
                registry,
                "simulator.publishes.rejected",
                "Fixes the broker rejected with an error reason code; not sent again",
                links,
                TelemetryLink::rejected);
        sum(
                registry,
                "simulator.publishes.quota.retries",
                "Fixes the broker rejected with QUOTA_EXCEEDED, to be sent again after 1 s",
                links,
                TelemetryLink::quotaRetries);
        sum(
                registry,
                "simulator.fixes.discarded",
                "Fixes discarded unsent because the broker rejected the vehicle's login for good",
                links,
                TelemetryLink::discarded);
    }

    private static void bindBuffer(
            MeterRegistry registry,
            List<TelemetryLink> links,
            int vehicleLimit,
            String overflowPolicy,
            @Nullable FixJournal journal) {
        gauge(
                registry,
                "simulator.buffer.fixes",
                "Fixes waiting to be sent or acknowledged, over all vehicles",
                () -> links.stream().mapToLong(TelemetryLink::pending).sum());
        gauge(
                registry,
                "simulator.buffer.fullest.vehicle.fixes",
                "Fixes waiting at the vehicle with the most",
                () -> links.stream().mapToLong(TelemetryLink::pending).max().orElse(0));
        gauge(
                registry,
                "simulator.buffer.vehicle.limit.fixes",
                "Fixes one vehicle keeps waiting before its buffer drops one (--buffer-limit)",
                () -> vehicleLimit);
        functionCounter(
                registry,
                "simulator.buffer.dropped",
                "Fixes a full buffer dropped, by --buffer-overflow policy",
                Tags.of("policy", overflowPolicy),
                () -> links.stream().mapToLong(TelemetryLink::dropped).sum());
        gauge(
                registry,
                "simulator.buffer.disk.fixes",
                "Fixes in the buffer on disk; 0 without --buffer-dir",
                () -> journal == null ? 0 : journal.fixesOnDisk());
        functionCounter(
                registry,
                "simulator.buffer.disk.not.written",
                "Fixes that could not be written to the buffer on disk, such as on a full disk",
                Tags.empty(),
                () -> journal == null ? 0 : journal.fixesNotWritten());
        sum(
                registry,
                "simulator.buffer.restored",
                "Fixes a previous run left on disk and this run sends first",
                links,
                TelemetryLink::restored);
    }

    private static void bindJobs(MeterRegistry registry, List<TelemetryLink> links, JobCounters jobs) {
        sum(
                registry,
                "simulator.commands.applied",
                "Commands the vehicles applied, repeated ids not counted",
                links,
                TelemetryLink::commandsApplied);
        String description = "Dispatch jobs, by outcome: accepted, rejected or completed";
        functionCounter(registry, "simulator.jobs", description, Tags.of("outcome", "accepted"), jobs::accepted);
        functionCounter(registry, "simulator.jobs", description, Tags.of("outcome", "rejected"), jobs::rejected);
        functionCounter(registry, "simulator.jobs", description, Tags.of("outcome", "completed"), jobs::completed);
        functionCounter(
                registry,
                "simulator.job.stops.reached",
                "Stops of jobs that vehicles reached",
                Tags.empty(),
                jobs::stopsReached);
    }

    private static void bindFaults(MeterRegistry registry, SimulatorEngine engine) {
        String description = "Faults injected on purpose, by kind";
        functionCounter(
                registry,
                "simulator.faults.injected",
                description,
                Tags.of("kind", "connection-drop"),
                engine::connectionsDropped);
        functionCounter(
                registry, "simulator.faults.injected", description, Tags.of("kind", "duplicate"), () -> engine.faults()
                        .duplicates());
        functionCounter(
                registry,
                "simulator.faults.injected",
                description,
                Tags.of("kind", "out-of-order"),
                () -> engine.faults().reordered());
        functionCounter(
                registry, "simulator.faults.injected", description, Tags.of("kind", "malformed"), () -> engine.faults()
                        .malformed());
        functionCounter(
                registry, "simulator.faults.injected", description, Tags.of("kind", "skewed-fix"), engine::skewedFixes);
    }

    private static void sum(
            MeterRegistry registry,
            String name,
            String description,
            List<TelemetryLink> links,
            ToLongFunction<TelemetryLink> count) {
        functionCounter(registry, name, description, Tags.empty(), () -> links.stream()
                .mapToLong(count)
                .sum());
    }
}
