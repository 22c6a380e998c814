package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a vehicle is with its current dispatch job, published inside its {@link VehicleState}.
 *
 * @param jobId the job the vehicle is working on
 * @param stopsDone how many of the job's stops the vehicle has left after arriving, from 0 to {@code stopsTotal}
 * @param stopsTotal how many stops the job has
 * @param remaining one estimate per stop not yet done, in the job's order
 */
public record JobProgress(String jobId, int stopsDone, int stopsTotal, List<StopEta> remaining) {

    public JobProgress {
        Ids.requireValid("job id", jobId);
        if (stopsTotal < 1 || stopsDone < 0 || stopsDone > stopsTotal) {
            throw new IllegalArgumentException("job progress " + stopsDone + " of " + stopsTotal + " stops is invalid");
        }
        remaining = List.copyOf(remaining);
    }

    /**
     * The estimate for one stop that the vehicle has not finished yet.
     *
     * @param stopId the stop's id within the job
     * @param distanceM remaining distance to the stop along the job's order, in metres
     * @param etaTime estimated arrival, or null when the vehicle has no recent speed to estimate from
     * @param atRisk whether the estimate is later than the end of the stop's time window
     */
    public record StopEta(String stopId, double distanceM, @Nullable Instant etaTime, boolean atRisk) {

        public StopEta {
            Ids.requireValid("stop id", stopId);
            if (!Double.isFinite(distanceM) || distanceM < 0) {
                throw new IllegalArgumentException("stop distance " + distanceM + " m is invalid");
            }
        }
    }

    /** Reads a progress object nested in a state; {@link VehicleState#fromJson} calls it. */
    static JobProgress fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String jobId = JsonFields.requiredId(root, "jobId");
        long done = JsonFields.requiredLong(root, "stopsDone");
        long total = JsonFields.requiredLong(root, "stopsTotal");
        JsonNode remainingNode = JsonFields.required(root, "remaining");
        if (!remainingNode.isArray()) {
            throw JsonFields.invalid("remaining must be an array, got " + JsonFields.describe(remainingNode));
        }
        List<StopEta> remaining = new ArrayList<>();
        for (JsonNode stop : remainingNode) {
            JsonNode object = JsonFields.requireObject(stop);
            remaining.add(JsonFields.construct(
                    RejectReason.OUT_OF_RANGE,
                    () -> new StopEta(
                            JsonFields.requiredId(object, "stopId"),
                            JsonFields.requiredNumber(object, "distanceM"),
                            JsonFields.optionalInstant(object, "etaTime"),
                            Boolean.TRUE.equals(JsonFields.optionalBoolean(object, "atRisk")))));
        }
        return JsonFields.construct(
                RejectReason.OUT_OF_RANGE, () -> new JobProgress(jobId, toInt(done), toInt(total), remaining));
    }

    private static int toInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** Returns the estimate of the next stop, or null when every stop is done. */
    public @Nullable StopEta next() {
        return remaining.isEmpty() ? null : remaining.get(0);
    }
}
