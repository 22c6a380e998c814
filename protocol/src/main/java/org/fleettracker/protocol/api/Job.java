package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A dispatch job: stops that one vehicle visits in the given order. It travels inside an {@code assign-job}
 * {@link Command}.
 *
 * @param jobId id of the job, following the {@link Ids} rules
 * @param vehicleId the vehicle that does the job
 * @param stops 1 to {@link #MAX_STOPS} stops in the order of the visit, with distinct stop ids
 */
public record Job(String jobId, String vehicleId, List<JobStop> stops) {

    /**
     * Maximum number of stops. The encoded {@code assign-job} command must also fit
     * {@link PayloadCodec#MAX_PAYLOAD_BYTES}, which the tracker checks: 50 stops with short ids, windows and names of
     * about 40 ASCII characters take about 10 KB, but long ids and names can exceed the limit with fewer stops.
     */
    public static final int MAX_STOPS = 50;

    public Job {
        Ids.requireValid("job id", jobId);
        Ids.requireValid("vehicle id", vehicleId);
        Objects.requireNonNull(stops, "stops");
        if (stops.isEmpty() || stops.size() > MAX_STOPS) {
            throw new IllegalArgumentException(
                    "job '" + jobId + "' has " + stops.size() + " stops, allowed are 1 to " + MAX_STOPS);
        }
        Set<String> stopIds = new HashSet<>();
        for (JobStop stop : stops) {
            if (!stopIds.add(stop.stopId())) {
                throw new IllegalArgumentException("job '" + jobId + "' has stop id '" + stop.stopId() + "' twice");
            }
        }
        stops = List.copyOf(stops);
    }

    /**
     * Reads a job from a parsed JSON object; {@link Json#decode} and {@link Command#fromJson} call it.
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Job fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String jobId = JsonFields.requiredId(root, "jobId");
        String vehicleId = JsonFields.requiredId(root, "vehicleId");
        JsonNode stopsNode = JsonFields.required(root, "stops");
        if (!stopsNode.isArray()) {
            throw JsonFields.invalid("stops must be an array, got " + JsonFields.describe(stopsNode));
        }
        if (stopsNode.size() > MAX_STOPS) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE, "stops has " + stopsNode.size() + " entries, more than " + MAX_STOPS);
        }
        List<JobStop> stops = new ArrayList<>();
        for (JsonNode stop : stopsNode) {
            stops.add(JobStop.fromJson(stop));
        }
        return JsonFields.construct(RejectReason.OUT_OF_RANGE, () -> new Job(jobId, vehicleId, stops));
    }

    /** Returns the index of the stop with id {@code stopId}, or -1 when the job has no such stop. */
    public int indexOf(String stopId) {
        for (int i = 0; i < stops.size(); i++) {
            if (stops.get(i).stopId().equals(stopId)) {
                return i;
            }
        }
        return -1;
    }
}
