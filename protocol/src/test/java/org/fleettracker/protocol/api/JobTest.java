package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobTest {

    private static final Instant T0 = Instant.parse("2026-12-04T09:15:30Z");

    private static JobStop stop(String stopId) {
        return new JobStop(stopId, JobStopKind.PICKUP, "Depot", 52.5, 13.4, 50, null, null);
    }

    @Test
    void assign_job_command_round_trips() {
        Job job = new Job("job-1", "veh-001", List.of(stop("s-1"), stop("s-2")));
        Command command = new Command("c-1", CommandType.ASSIGN_JOB, T0, null, "dispatcher", null, Map.of(), job);

        PayloadResult<Command> result = PayloadCodec.decode(PayloadCodec.encode(command), Command.class);

        assertThat(result).isEqualTo(new PayloadResult.Accepted<>(command));
    }

    @Test
    void job_on_other_command_type_is_rejected() {
        Job job = new Job("job-1", "veh-001", List.of(stop("s-1")));

        assertThatThrownBy(() -> new Command("c-1", CommandType.MESSAGE, T0, null, "dispatcher", null, Map.of(), job))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry a job");
    }

    @Test
    void repeated_stop_id_is_rejected() {
        List<JobStop> stops = List.of(stop("s-1"), stop("s-1"));

        assertThatThrownBy(() -> new Job("job-1", "veh-001", stops))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job 'job-1' has stop id 's-1' twice");
    }

    @Test
    void job_without_stops_is_rejected() {
        assertThatThrownBy(() -> new Job("job-1", "veh-001", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job 'job-1' has 0 stops, allowed are 1 to 50");
    }

    @Test
    void job_over_stop_limit_is_rejected() {
        List<JobStop> stops = new ArrayList<>();
        for (int i = 0; i <= Job.MAX_STOPS; i++) {
            stops.add(stop("s-" + i));
        }

        assertThatThrownBy(() -> new Job("job-1", "veh-001", stops))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 51 stops");
    }

    @Test
    void window_end_before_start_is_rejected() {
        assertThatThrownBy(() -> new JobStop("s-1", JobStopKind.DROP_OFF, "", 0, 0, 50, T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not after windowStart");
    }

    @Test
    void window_end_equal_to_start_is_rejected() {
        assertThatThrownBy(() -> new JobStop("s-1", JobStopKind.DROP_OFF, "", 0, 0, 50, T0, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not after windowStart");
    }

    @Test
    void json_with_repeated_stop_id_is_rejected() {
        String stop = "{\"stopId\":\"s-1\",\"kind\":\"pickup\",\"name\":\"\",\"latitudeDeg\":1,\"longitudeDeg\":2,"
                + "\"radiusM\":50}";
        String json = "{\"commandId\":\"c-1\",\"type\":\"assign-job\",\"issuedTime\":\"2026-12-04T09:15:30Z\","
                + "\"issuedBy\":\"dispatcher\",\"job\":{\"jobId\":\"j-1\",\"vehicleId\":\"v-1\",\"stops\":["
                + stop + "," + stop + "]}}";

        PayloadResult<Command> result =
                PayloadCodec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Command.class);

        assertThat(result)
                .isEqualTo(
                        new PayloadResult.Rejected<>(RejectReason.OUT_OF_RANGE, "job 'j-1' has stop id 's-1' twice"));
    }

    @Test
    void stop_kind_codes_are_hyphenated() {
        assertThat(JobStopKind.DROP_OFF.code()).isEqualTo("drop-off");
        assertThat(JobStopKind.fromCode("drop-off")).contains(JobStopKind.DROP_OFF);
    }
}
