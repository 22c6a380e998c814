package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCodecTest {

    private static final Instant T0 = Instant.parse("2026-12-04T09:15:30Z");

    private static final String COMMAND = "{\"commandId\":\"c-1\",\"type\":\"message\","
            + "\"issuedTime\":\"2026-12-04T09:15:30Z\",\"issuedBy\":\"dispatcher\",\"text\":\"Call the office\"}";

    @Test
    void full_command_round_trips() {
        Command command = new Command(
                "c-1",
                CommandType.ASSIGN_JOB,
                T0,
                T0.plusSeconds(600),
                "dispatcher",
                "Pick up at gate 4",
                Map.of("jobId", "job-17"));

        PayloadResult<Command> result = PayloadCodec.decode(PayloadCodec.encode(command), Command.class);

        assertThat(result).isEqualTo(new PayloadResult.Accepted<>(command));
    }

    @Test
    void minimal_command_leaves_out_absent_fields() {
        Command command = Command.of("c-2", CommandType.REQUEST_POSITION, T0, "tracker");

        String json = new String(PayloadCodec.encode(command), StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"commandId\":\"c-2\",\"type\":\"request-position\","
                        + "\"issuedTime\":\"2026-12-04T09:15:30Z\",\"issuedBy\":\"tracker\"}");
    }

    @Test
    void command_ack_round_trips() {
        CommandAck ack = new CommandAck("c-1", "veh-001", CommandAckStatus.REJECTED, T0, "driver is on a break");

        PayloadResult<CommandAck> result = PayloadCodec.decode(PayloadCodec.encode(ack), CommandAck.class);

        assertThat(result).isEqualTo(new PayloadResult.Accepted<>(ack));
    }

    @Test
    void fleet_event_round_trips() {
        FleetEvent event = new FleetEvent("e-1", "geofence-entered", "veh-001", T0, Map.of("geofenceId", "depot"));

        PayloadResult<FleetEvent> result = PayloadCodec.decode(PayloadCodec.encode(event), FleetEvent.class);

        assertThat(result).isEqualTo(new PayloadResult.Accepted<>(event));
    }

    @Test
    void fleet_wide_event_has_no_vehicle() {
        FleetEvent event = new FleetEvent("e-2", "offline", null, T0, Map.of());

        String json = new String(PayloadCodec.encode(event), StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"eventId\":\"e-2\",\"type\":\"offline\",\"time\":\"2026-12-04T09:15:30Z\","
                        + "\"severity\":\"info\",\"alert\":false}");
    }

    @Test
    void json_helper_decodes_with_the_same_rules() {
        assertThat(Json.decode(COMMAND.getBytes(StandardCharsets.UTF_8), Command.class)
                        .text())
                .isEqualTo("Call the office");
        byte[] numericId = COMMAND.replace("\"c-1\"", "1").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.decode(numericId, Command.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("commandId must be a string");
    }

    @Test
    void unknown_fields_are_tolerated() {
        byte[] payload = COMMAND.replace("}", ",\"priority\":\"high\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(PayloadCodec.decode(payload, Command.class)).isInstanceOf(PayloadResult.Accepted.class);
    }

    @Test
    void offset_time_converts_to_utc() {
        byte[] payload = COMMAND.replace("09:15:30Z", "10:15:30+01:00").getBytes(StandardCharsets.UTF_8);

        PayloadResult<Command> result = PayloadCodec.decode(payload, Command.class);

        assertThat(((PayloadResult.Accepted<Command>) result).value().issuedTime())
                .isEqualTo(T0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            missing commandId | "commandId":"c-1", | '' | missing_field
            null issuedTime | "2026-12-04T09:15:30Z" | null | missing_field
            numeric commandId | "c-1" | 1 | invalid_field
            commandId with slash | "c-1" | "c/1" | invalid_field
            unknown type | "message" | "reboot" | invalid_field
            upper-case type | "message" | "MESSAGE" | invalid_field
            time without offset | 09:15:30Z | 09:15:30 | invalid_field
            epoch issuedTime | "2026-12-04T09:15:30Z" | 1764840930 | invalid_field
            text as number | "Call the office" | 42 | invalid_field
            parameters as array | } | ',"parameters":["a"]}' | invalid_field
            parameter as number | } | ',"parameters":{"jobId":17}}' | invalid_field
            parameter key invalid | } | ',"parameters":{"job id":"17"}}' | invalid_field
            duplicate field | } | ',"type":"message"}' | malformed_json
            content after object | } | '} 1' | malformed_json
            """)
    void invalid_command_is_rejected_with_reason(String name, String target, String replacement, String code) {
        byte[] payload = COMMAND.replaceFirst(java.util.regex.Pattern.quote(target), replacement)
                .getBytes(StandardCharsets.UTF_8);

        PayloadResult<Command> result = PayloadCodec.decode(payload, Command.class);

        assertThat(result).isInstanceOf(PayloadResult.Rejected.class);
        assertThat(((PayloadResult.Rejected<Command>) result).reason().code()).isEqualTo(code);
    }

    @Test
    void text_over_the_limit_is_rejected() {
        String text = "x".repeat(Command.MAX_TEXT_CHARS + 1);

        assertThatThrownBy(() -> new Command("c-1", CommandType.MESSAGE, T0, null, "dispatcher", text, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text has 1001 characters, allowed are 0 to 1000");
    }

    @Test
    void text_length_counts_code_points() {
        // Each emoji is one code point but two Java chars, as JSON Schema's maxLength counts it.
        String text = "\uD83D\uDE9A".repeat(Command.MAX_TEXT_CHARS);

        Command command = new Command("c-1", CommandType.MESSAGE, T0, null, "dispatcher", text, Map.of());

        assertThat(command.text()).hasSize(2 * Command.MAX_TEXT_CHARS);
    }

    @Test
    void too_many_parameters_are_rejected() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i <= TextMaps.MAX_ENTRIES; i++) {
            parameters.put("p" + i, "v");
        }

        assertThatThrownBy(() -> new Command("c-1", CommandType.ASSIGN_JOB, T0, null, "tracker", null, parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameters has 17 entries, more than 16");
    }

    @Test
    void parameters_are_copied() {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("jobId", "job-17"));
        Command command = new Command("c-1", CommandType.ASSIGN_JOB, T0, null, "tracker", null, parameters);

        parameters.put("jobId", "job-18");

        assertThat(command.parameters()).containsExactly(Map.entry("jobId", "job-17"));
    }

    @ParameterizedTest
    @CsvSource({"Overspeed", "geofence--entered", "-offline", "trip_started", "'trip started'", "''"})
    void invalid_event_type_is_rejected(String type) {
        assertThatThrownBy(() -> new FleetEvent("e-1", type, null, T0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event type");
    }

    @Test
    void ack_status_codes_are_lower_case() {
        assertThat(CommandAckStatus.fromCode("completed")).contains(CommandAckStatus.COMPLETED);
        assertThat(CommandAckStatus.fromCode("COMPLETED")).isEmpty();
    }

    @Test
    void state_out_of_range_is_rejected() {
        byte[] payload = new String(Json.encode(States.sample()), StandardCharsets.UTF_8)
                .replace("\"latitudeDeg\":46.0569", "\"latitudeDeg\":91.0")
                .getBytes(StandardCharsets.UTF_8);

        PayloadResult<VehicleState> result = PayloadCodec.decode(payload, VehicleState.class);

        assertThat(result)
                .isEqualTo(new PayloadResult.Rejected<>(
                        RejectReason.OUT_OF_RANGE, "latitudeDeg 91 is out of range [-90, 90]"));
    }

    @Test
    void presence_is_not_a_json_payload_type() {
        byte[] payload = "online".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PayloadCodec.decode(payload, Presence.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON payload type");
    }
}
