package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.protocol.api.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandResponderTest {

    private static final Instant NOW = Instant.parse("2026-12-04T09:15:30Z");

    private final CommandResponder responder = new CommandResponder("v1", Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] message(String commandId) {
        return Json.encode(Command.of(commandId, CommandType.MESSAGE, NOW, "ann"));
    }

    private static List<CommandAckStatus> statuses(List<CommandAck> acks) {
        return acks.stream().map(CommandAck::status).toList();
    }

    @Test
    void command_is_received_then_accepted() {
        List<CommandAck> acks = responder.respond(message("c-1"));

        assertThat(statuses(acks)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
        assertThat(acks).allSatisfy(ack -> assertThat(ack.vehicleId()).isEqualTo("v1"));
        assertThat(responder.applied()).isEqualTo(1);
    }

    @Test
    void repeated_command_is_acked_but_applied_once() {
        responder.respond(message("c-1"));

        List<CommandAck> again = responder.respond(message("c-1"));

        assertThat(statuses(again)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
        assertThat(responder.applied()).isEqualTo(1);
    }

    @Test
    void expired_command_is_rejected_with_reason() {
        Command expired = new Command("c-1", CommandType.MESSAGE, NOW.minusSeconds(60), NOW, "ann", null, Map.of());

        List<CommandAck> acks = responder.respond(Json.encode(expired));

        assertThat(acks).singleElement().satisfies(ack -> {
            assertThat(ack.status()).isEqualTo(CommandAckStatus.REJECTED);
            assertThat(ack.reason()).contains("expired");
        });
        assertThat(responder.applied()).isZero();
    }

    @Test
    void assign_job_is_applied() {
        Job job = new Job("j-1", "v1", List.of(new JobStop("s", JobStopKind.PICKUP, "Depot", 1, 2, 50, null, null)));
        Command command = new Command("c-1", CommandType.ASSIGN_JOB, NOW, null, "ann", null, Map.of(), job);

        List<CommandAck> acks = responder.respond(Json.encode(command));

        assertThat(acks).hasSize(2);
        assertThat(responder.applied()).isEqualTo(1);
    }

    /** Records the jobs it gets and rejects the ones named in {@code rejectedJobId}. */
    private static final class RecordingJobs implements JobHandler {
        final List<String> assigned = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        String rejectedJobId = "";

        @Override
        public String assign(String commandId, Job job) {
            assigned.add(commandId + ":" + job.jobId());
            return job.jobId().equals(rejectedJobId) ? "stop 's' is too far" : null;
        }

        @Override
        public void cancel(String jobId) {
            cancelled.add(jobId);
        }
    }

    private static byte[] assignJob(String commandId, String jobId, String vehicleId) {
        Job job =
                new Job(jobId, vehicleId, List.of(new JobStop("s", JobStopKind.PICKUP, "Depot", 1, 2, 50, null, null)));
        return Json.encode(new Command(commandId, CommandType.ASSIGN_JOB, NOW, null, "ann", null, Map.of(), job));
    }

    private static byte[] cancelJob(String commandId, Map<String, String> parameters) {
        return Json.encode(new Command(commandId, CommandType.CANCEL_JOB, NOW, null, "ann", null, parameters));
    }

    @Test
    void assign_job_goes_to_the_job_handler() {
        var jobs = new RecordingJobs();
        responder.handleJobsWith(jobs);

        List<CommandAck> acks = responder.respond(assignJob("c-1", "j-1", "v1"));

        assertThat(statuses(acks)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
        assertThat(jobs.assigned).containsExactly("c-1:j-1");
    }

    @Test
    void rejected_job_gets_reason_in_ack() {
        var jobs = new RecordingJobs();
        jobs.rejectedJobId = "j-1";
        responder.handleJobsWith(jobs);

        List<CommandAck> acks = responder.respond(assignJob("c-1", "j-1", "v1"));

        assertThat(statuses(acks)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.REJECTED);
        assertThat(acks.get(1).reason()).isEqualTo("stop 's' is too far");
    }

    @Test
    void repeated_rejected_job_is_rejected_again() {
        var jobs = new RecordingJobs();
        jobs.rejectedJobId = "j-1";
        responder.handleJobsWith(jobs);
        responder.respond(assignJob("c-1", "j-1", "v1"));

        List<CommandAck> again = responder.respond(assignJob("c-1", "j-1", "v1"));

        assertThat(statuses(again)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.REJECTED);
        assertThat(jobs.assigned).hasSize(1);
    }

    @Test
    void job_for_another_vehicle_is_rejected() {
        var jobs = new RecordingJobs();
        responder.handleJobsWith(jobs);

        List<CommandAck> acks = responder.respond(assignJob("c-1", "j-1", "v2"));

        assertThat(statuses(acks)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.REJECTED);
        assertThat(acks.get(1).reason()).contains("'v2'");
        assertThat(jobs.assigned).isEmpty();
    }

    @Test
    void cancel_job_passes_the_job_id() {
        var jobs = new RecordingJobs();
        responder.handleJobsWith(jobs);

        List<CommandAck> acks = responder.respond(cancelJob("c-2", Map.of("jobId", "j-1")));

        assertThat(statuses(acks)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
        assertThat(jobs.cancelled).containsExactly("j-1");
    }

    @Test
    void cancel_job_without_job_id_is_rejected() {
        List<CommandAck> acks = responder.respond(cancelJob("c-2", Map.of()));

        assertThat(statuses(acks)).containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.REJECTED);
        assertThat(acks.get(1).reason()).contains("jobId");
    }

    @Test
    void completed_ack_names_the_command() {
        CommandAck ack = responder.completed("c-1");

        assertThat(ack.status()).isEqualTo(CommandAckStatus.COMPLETED);
        assertThat(ack.commandId()).isEqualTo("c-1");
        assertThat(ack.vehicleId()).isEqualTo("v1");
        assertThat(ack.time()).isEqualTo(NOW);
    }

    @Test
    void invalid_payload_gets_no_ack() {
        List<CommandAck> acks = responder.respond("{\"commandId\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(acks).isEmpty();
    }
}
