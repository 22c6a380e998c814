package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.Account;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandService;
import org.fleettracker.tracker.internal.dispatch.ConflictException;
import org.fleettracker.tracker.internal.dispatch.JobService;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.storage.JobQuery;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/jobs}, {@code GET /api/v1/jobs}, {@code GET /api/v1/jobs/{jobId}} and
 * {@code POST /api/v1/jobs/{jobId}/cancel}.
 */
final class JobsHandler {

    private static final String PREFIX = "/api/v1/jobs";

    /** Kind of the cursors of the jobs list, which pages on (created time, job id). */
    static final String CURSOR_KIND = "jobs";

    private final JobService jobs;
    private final VehicleStates states;
    private final ApiAuth auth;
    private final TrackerSettings settings;
    private final Clock clock;

    JobsHandler(JobService jobs, VehicleStates states, ApiAuth auth, TrackerSettings settings, Clock clock) {
        this.jobs = jobs;
        this.states = states;
        this.auth = auth;
        this.settings = settings;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("POST", PREFIX, (exchange, path) -> create(exchange));
        router.add("GET", PREFIX, (exchange, path) -> list(exchange));
        router.add("GET", PREFIX + "/{jobId}", (exchange, path) -> get(exchange, path.get("jobId")));
        router.add("POST", PREFIX + "/{jobId}/cancel", (exchange, path) -> cancel(exchange, path.get("jobId")));
    }

    private void create(HttpExchange exchange) throws IOException, BadRequestException {
        ObjectNode body = Exchanges.readJsonObject(exchange);
        String vehicleId = DispatchRequests.optionalText(body, "vehicleId");
        if (vehicleId == null) {
            throw new BadRequestException("vehicleId", "vehicleId is missing");
        }
        VehicleState vehicle = Exchanges.knownVehicle(exchange, states, vehicleId);
        if (vehicle == null) {
            return;
        }
        Optional<String> fleetId = Optional.of(vehicle.fleetId());
        Optional<Account> account = auth.requireWriter(exchange, fleetId.get());
        if (account.isEmpty()) {
            return;
        }
        Job job = DispatchRequests.job(body);
        Instant expiresTime = DispatchRequests.expiresTime(body, clock.instant());
        CommandService.Created<StoredJob> result;
        try {
            result = jobs.assign(fleetId.get(), job, expiresTime, account.get().username());
        } catch (ConflictException e) {
            Exchanges.sendError(exchange, 409, "conflict", e.getMessage(), "jobId");
            return;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(null, "the job is invalid: " + e.getMessage());
        } catch (SQLException e) {
            throw new IOException("Storing job " + job.jobId() + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(exchange, result.created() ? 201 : 200, DispatchResponses.JobView.of(result.value()));
    }

    private void list(HttpExchange exchange) throws IOException, BadRequestException {
        Map<String, String> parameters = Exchanges.queryParameters(exchange);
        Paging.Page page =
                Paging.parse(parameters, settings.positionsDefaultLimit(), settings.positionsMaxLimit(), CURSOR_KIND);
        JobQuery query = new JobQuery(
                EventsHandler.id(parameters, "fleetId"),
                EventsHandler.id(parameters, "vehicleId"),
                status(parameters),
                page.from(),
                page.to(),
                page.after(),
                page.rowsToRead());
        List<StoredJob> found;
        try {
            found = jobs.find(query);
        } catch (SQLException e) {
            throw new IOException("Reading jobs failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange,
                200,
                Paging.items(
                        found,
                        page.limit(),
                        CURSOR_KIND,
                        DispatchResponses.JobView::of,
                        stored -> new EventQuery.PageKey(
                                stored.createdTime(), stored.job().jobId())));
    }

    private void get(HttpExchange exchange, String jobId) throws IOException {
        Optional<StoredJob> found;
        try {
            found = Ids.isValid(jobId) ? jobs.find(jobId) : Optional.empty();
        } catch (SQLException e) {
            throw new IOException("Reading job " + jobId + " failed: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            sendJobNotFound(exchange, jobId);
            return;
        }
        Exchanges.sendJson(exchange, 200, DispatchResponses.JobView.of(found.get()));
    }

    private void cancel(HttpExchange exchange, String jobId) throws IOException {
        Optional<StoredJob> cancelled;
        try {
            Optional<StoredJob> found = Ids.isValid(jobId) ? jobs.find(jobId) : Optional.empty();
            if (found.isEmpty()) {
                sendJobNotFound(exchange, jobId);
                return;
            }
            Optional<Account> account = auth.requireWriter(exchange, found.get().fleetId());
            if (account.isEmpty()) {
                return;
            }
            cancelled = jobs.cancel(jobId, account.get().username());
        } catch (ConflictException e) {
            Exchanges.sendError(exchange, 409, "conflict", e.getMessage(), null);
            return;
        } catch (SQLException e) {
            throw new IOException("Cancelling job " + jobId + " failed: " + e.getMessage(), e);
        }
        if (cancelled.isEmpty()) {
            sendJobNotFound(exchange, jobId);
            return;
        }
        Exchanges.sendJson(exchange, 200, DispatchResponses.JobView.of(cancelled.get()));
    }

    private static void sendJobNotFound(HttpExchange exchange, String jobId) throws IOException {
        Exchanges.sendError(exchange, 404, "not_found", "job '" + Exchanges.excerpt(jobId) + "' not found", null);
    }

    private static @Nullable JobStatus status(Map<String, String> parameters) throws BadRequestException {
        String value = parameters.get("status");
        if (value == null) {
            return null;
        }
        return JobStatus.fromCode(value)
                .orElseThrow(() -> new BadRequestException(
                        "status",
                        "status '" + Exchanges.excerpt(value)
                                + "' is not one of assigned, accepted, in-progress, completed, cancelled, rejected"));
    }
}
