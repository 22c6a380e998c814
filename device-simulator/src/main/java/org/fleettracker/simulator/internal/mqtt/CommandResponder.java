package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.PayloadCodec;
import org.fleettracker.protocol.api.PayloadResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The vehicle's side of the command flow: decides the acks for each command that arrives on its commands topic.
 *
 * <p>The vehicle acks a valid command that has not expired with {@code received}, applies it the first time its id
 * arrives, and then acks {@code accepted}, or {@code rejected} with the reason when applying it failed. It hands
 * {@code assign-job} and {@code cancel-job} to its {@link JobHandler} and logs the other types. A repeated id gets
 * the same acks again, because the tracker may have missed the first ones, but is not applied again. A command past
 * its expiry time is rejected with the reason. Not thread-safe: the link calls it from its serial executor.
 */
final class CommandResponder {

    private static final Logger log = LoggerFactory.getLogger(CommandResponder.class);

    /** How many command ids the vehicle remembers to recognise repeats; the oldest is forgotten beyond it. */
    static final int REMEMBERED_COMMANDS = 1_000;

    /** The outcome of applying a command: accepted when {@code rejectReason} is null. */
    private record Outcome(@Nullable String rejectReason) {}

    private static final Outcome ACCEPTED = new Outcome(null);

    private final String vehicleId;
    private final Clock clock;
    private final AtomicLong applied = new AtomicLong();
    private volatile JobHandler jobs = JobHandler.IGNORE;
    private final Map<String, Outcome> seen = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    };

    CommandResponder(String vehicleId, Clock clock) {
        this.vehicleId = vehicleId;
        this.clock = clock;
    }

    /** Sets what the vehicle does with jobs; {@link JobHandler#IGNORE} until then. */
    void handleJobsWith(JobHandler handler) {
        this.jobs = handler;
    }

    /** Returns how many commands the vehicle applied, repeats not counted. */
    long applied() {
        return applied.get();
    }

    /** Returns the acks to publish, in order, for one payload from the commands topic; none for an invalid one. */
    List<CommandAck> respond(byte[] payload) {
        PayloadResult<Command> result = PayloadCodec.decode(payload, Command.class);
        if (result instanceof PayloadResult.Rejected<Command> rejected) {
            // Without a valid command id there is nothing to ack.
            log.warn("Vehicle {} ignores an invalid command: {} ({})", vehicleId, rejected.detail(), rejected.reason());
            return List.of();
        }
        Command command = ((PayloadResult.Accepted<Command>) result).value();
        Instant now = clock.instant();
        Instant expires = command.expiresTime();
        if (expires != null && !now.isBefore(expires)) {
            log.info("Vehicle {} rejects command {}: it expired at {}", vehicleId, command.commandId(), expires);
            return List.of(ack(command, CommandAckStatus.REJECTED, now, "command expired at " + expires));
        }
        Outcome outcome = seen.get(command.commandId());
        if (outcome == null) {
            outcome = apply(command);
            seen.put(command.commandId(), outcome);
        } else {
            log.debug("Vehicle {} got command {} again; acking without applying it", vehicleId, command.commandId());
        }
        String reason = outcome.rejectReason();
        CommandAck answer = reason == null
                ? ack(command, CommandAckStatus.ACCEPTED, now, null)
                : ack(command, CommandAckStatus.REJECTED, now, reason);
        return List.of(ack(command, CommandAckStatus.RECEIVED, now, null), answer);
    }

    /** Returns the {@code completed} ack of a command the vehicle carried out. */
    CommandAck completed(String commandId) {
        return new CommandAck(commandId, vehicleId, CommandAckStatus.COMPLETED, clock.instant(), null);
    }

    private Outcome apply(Command command) {
        applied.incrementAndGet();
        Outcome outcome =
                switch (command.type()) {
                    case ASSIGN_JOB -> assignJob(command);
                    case CANCEL_JOB -> cancelJob(command);
                    default -> ACCEPTED;
                };
        String reason = outcome.rejectReason();
        if (reason != null) {
            log.info(
                    "Vehicle {} rejects command {} of type {}: {}",
                    vehicleId,
                    command.commandId(),
                    command.type().code(),
                    reason);
        } else {
            log.info(
                    "Vehicle {} applies command {} of type {}",
                    vehicleId,
                    command.commandId(),
                    command.type().code());
        }
        return outcome;
    }

    private Outcome assignJob(Command command) {
        Job job = command.job();
        if (job == null) {
            return new Outcome("the assign-job command carries no job, so the vehicle has no stops to drive to");
        }
        if (!job.vehicleId().equals(vehicleId)) {
            return new Outcome("job '" + job.jobId() + "' is for vehicle '" + job.vehicleId() + "'");
        }
        log.info(
                "Vehicle {} got job {} with {} stops",
                vehicleId,
                job.jobId(),
                job.stops().size());
        for (JobStop stop : job.stops()) {
            log.debug(
                    "Job {} stop {}: {} '{}' at {}, {} within {} m, window {} to {}",
                    job.jobId(),
                    stop.stopId(),
                    stop.kind().code(),
                    stop.name(),
                    stop.latitudeDeg(),
                    stop.longitudeDeg(),
                    stop.radiusM(),
                    stop.windowStart(),
                    stop.windowEnd());
        }
        String reason = jobs.assign(command.commandId(), job);
        return reason == null ? ACCEPTED : new Outcome(reason);
    }

    private Outcome cancelJob(Command command) {
        String jobId = command.parameters().get("jobId");
        if (jobId == null) {
            return new Outcome("the cancel-job command has no jobId parameter");
        }
        jobs.cancel(jobId);
        return ACCEPTED;
    }

    private CommandAck ack(Command command, CommandAckStatus status, Instant time, @Nullable String reason) {
        return new CommandAck(command.commandId(), vehicleId, status, time, reason == null ? null : fit(reason));
    }

    /** Cuts a reason to the length an ack allows, ending it with an ellipsis. */
    private static String fit(String reason) {
        if (reason.codePointCount(0, reason.length()) <= CommandAck.MAX_REASON_CHARS) {
            return reason;
        }
        return reason.substring(0, reason.offsetByCodePoints(0, CommandAck.MAX_REASON_CHARS - 1)) + "\u2026";
    }
}
