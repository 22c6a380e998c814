package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.CommandType;
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
 * <p>The vehicle acks a valid command that has not expired with {@code received} and then {@code accepted}, and
 * applies it (logs it, and for {@code assign-job} logs its stops) the first time its id arrives. A repeated id
 * is acked again, because the tracker may have missed the first acks, but not applied again. A command past its
 * expiry time is rejected with the reason. Not thread-safe: the link calls it from its serial executor.
 */
final class CommandResponder {

    private static final Logger log = LoggerFactory.getLogger(CommandResponder.class);

    /** How many command ids the vehicle remembers to recognise repeats; the oldest is forgotten beyond it. */
    static final int REMEMBERED_COMMANDS = 1_000;

    private final String vehicleId;
    private final Clock clock;
    private final AtomicLong applied = new AtomicLong();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    };

    CommandResponder(String vehicleId, Clock clock) {
        this.vehicleId = vehicleId;
        this.clock = clock;
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
        if (seen.put(command.commandId(), Boolean.TRUE) == null) {
            apply(command);
        } else {
            log.debug("Vehicle {} got command {} again; acking without applying it", vehicleId, command.commandId());
        }
        return List.of(
                ack(command, CommandAckStatus.RECEIVED, now, null), ack(command, CommandAckStatus.ACCEPTED, now, null));
    }

    private void apply(Command command) {
        applied.incrementAndGet();
        Job job = command.job();
        if (command.type() == CommandType.ASSIGN_JOB && job != null) {
            log.info(
                    "Vehicle {} takes job {} with {} stops",
                    vehicleId,
                    job.jobId(),
                    job.stops().size());
            for (JobStop stop : job.stops()) {
                log.info(
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
            // TODO: generated vehicles keep driving their random routes; steering them to the job's stops is not built.
            return;
        }
        log.info(
                "Vehicle {} applies command {} of type {}",
                vehicleId,
                command.commandId(),
                command.type().code());
    }

    private CommandAck ack(Command command, CommandAckStatus status, Instant time, @Nullable String reason) {
        return new CommandAck(command.commandId(), vehicleId, status, time, reason);
    }
}
