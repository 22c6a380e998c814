package org.fleettracker.tracker.internal.http;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.tracker.internal.storage.StoredCommand;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON bodies of the command and job endpoints; null fields are left out. */
final class DispatchResponses {

    private DispatchResponses() {}

    /** A command with its current status and every step it reached, in order. */
    record CommandView(
            String commandId,
            String fleetId,
            String vehicleId,
            String type,
            String status,
            @Nullable String reason,
            @Nullable String jobId,
            String issuedBy,
            Instant issuedTime,
            @Nullable Instant expiresTime,
            @Nullable String text,
            Map<String, String> parameters,
            @Nullable Job job,
            Instant updatedTime,
            List<Step> steps) {

        static CommandView of(StoredCommand stored) {
            var command = stored.command();
            List<Step> steps = stored.steps().stream()
                    .map(step -> new Step(step.status().code(), step.time(), step.reason()))
                    .toList();
            return new CommandView(
                    command.commandId(),
                    stored.fleetId(),
                    stored.vehicleId(),
                    command.type().code(),
                    stored.status().code(),
                    stored.reason(),
                    stored.jobId(),
                    command.issuedBy(),
                    command.issuedTime(),
                    command.expiresTime(),
                    command.text(),
                    command.parameters(),
                    command.job(),
                    stored.updatedTime(),
                    steps);
        }
    }

    /** One step of a command's flow. */
    record Step(String status, Instant time, @Nullable String reason) {}

    /** A job with its status and the progress at each stop. */
    record JobView(
            String jobId,
            String fleetId,
            String vehicleId,
            String status,
            String commandId,
            String createdBy,
            Instant createdTime,
            Instant updatedTime,
            int stopsDone,
            List<StopView> stops) {

        static JobView of(StoredJob stored) {
            List<StopView> stops = new ArrayList<>();
            for (int i = 0; i < stored.job().stops().size(); i++) {
                stops.add(
                        StopView.of(stored.job().stops().get(i), stored.stops().get(i)));
            }
            return new JobView(
                    stored.job().jobId(),
                    stored.fleetId(),
                    stored.job().vehicleId(),
                    stored.status().code(),
                    stored.commandId(),
                    stored.createdBy(),
                    stored.createdTime(),
                    stored.updatedTime(),
                    stored.stopsDone(),
                    stops);
        }
    }

    /** A stop of a job with the fix times of arrival and departure, null until they happen. */
    record StopView(
            String stopId,
            String kind,
            String name,
            double latitudeDeg,
            double longitudeDeg,
            double radiusM,
            @Nullable Instant windowStart,
            @Nullable Instant windowEnd,
            @Nullable Instant arrivedTime,
            @Nullable Instant departedTime) {

        static StopView of(JobStop stop, StoredJob.StopProgress progress) {
            return new StopView(
                    stop.stopId(),
                    stop.kind().code(),
                    stop.name(),
                    stop.latitudeDeg(),
                    stop.longitudeDeg(),
                    stop.radiusM(),
                    stop.windowStart(),
                    stop.windowEnd(),
                    progress.arrivedTime(),
                    progress.departedTime());
        }
    }
}
