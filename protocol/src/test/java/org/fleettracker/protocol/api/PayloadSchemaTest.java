package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the JSON Schemas in {@code docs/schemas} and the Java codecs agree: on the fields of each record, on
 * every encoded sample, and on the verdict for a corpus of valid and invalid payloads.
 */
class PayloadSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Schemas must be self-contained: nothing is fetched over the network.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private static final Map<TopicKind, Schema> SCHEMAS = new EnumMap<>(TopicKind.class);

    /** Schema properties that a reader takes from the wire but that no record component keeps. */
    private static final Map<TopicKind, Set<String>> INPUT_ONLY =
            Map.of(TopicKind.TELEMETRY, Set.of("fixValid", "speedUnit"));

    @ParameterizedTest
    @EnumSource(TopicKind.class)
    void schema_is_valid_draft_2020_12(TopicKind kind) {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        List<Error> errors = metaSchema.validate(read(ContractDocs.schemaFile(kind)), InputFormat.JSON);

        assertThat(errors)
                .as("schema of %s against the draft 2020-12 meta-schema", kind)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = TopicKind.class,
            names = {"PRESENCE"},
            mode = EnumSource.Mode.EXCLUDE)
    void record_components_match_schema_properties(TopicKind kind) {
        JsonNode schema = schemaTree(kind);
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        properties.removeAll(INPUT_ONLY.getOrDefault(kind, Set.of()));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));

        Set<String> components = new TreeSet<>();
        Set<String> requiredComponents = new TreeSet<>();
        for (RecordComponent component : ContractDocs.PAYLOAD_TYPES.get(kind).getRecordComponents()) {
            components.add(component.getName());
            if (isRequired(component)) {
                requiredComponents.add(component.getName());
            }
        }
        assertThat(properties).as("properties of the %s schema", kind).isEqualTo(components);
        assertThat(required).as("required properties of the %s schema", kind).isEqualTo(requiredComponents);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encoded_sample_matches_schema(String name, TopicKind kind, Object sample) {
        String json = new String(PayloadCodec.encode(sample), StandardCharsets.UTF_8);

        assertThat(schemaErrors(kind, json)).as(json).isEmpty();
        assertThat(PayloadCodec.decode(json.getBytes(StandardCharsets.UTF_8), sample.getClass()))
                .isEqualTo(new PayloadResult.Accepted<>(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void codec_and_schema_agree(String name, TopicKind kind, String json, boolean valid) {
        PayloadResult<?> decoded =
                PayloadCodec.decode(json.getBytes(StandardCharsets.UTF_8), ContractDocs.PAYLOAD_TYPES.get(kind));
        List<Error> errors = schemaErrors(kind, json);

        assertThat(decoded instanceof PayloadResult.Accepted)
                .as("codec verdict on %s: %s", json, decoded)
                .isEqualTo(valid);
        assertThat(errors.isEmpty())
                .as("schema verdict on %s: %s", json, errors)
                .isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"online, true", "offline, true", "ONLINE, false", "maybe, false", "'', false"})
    void presence_schema_and_parser_agree(String text, boolean valid) {
        boolean parsed = Presence.parse(text.getBytes(StandardCharsets.UTF_8)).isPresent();
        List<Error> errors =
                schemaErrors(TopicKind.PRESENCE, NODES.textNode(text).toString());

        assertThat(parsed).as("parser verdict on '%s'", text).isEqualTo(valid);
        assertThat(errors.isEmpty())
                .as("schema verdict on '%s': %s", text, errors)
                .isEqualTo(valid);
    }

    @Test
    void date_time_format_is_asserted() {
        String json = "{\"eventId\":\"e-1\",\"type\":\"offline\",\"time\":\"yesterday\"}";

        assertThat(schemaErrors(TopicKind.EVENTS, json)).isNotEmpty();
    }

    static Stream<Arguments> samples() {
        return Samples.all().entrySet().stream().flatMap(entry -> entry.getValue().stream()
                .map(sample -> Arguments.of(entry.getKey() + " " + Samples.describe(sample), entry.getKey(), sample)));
    }

    /** Valid and invalid payloads derived from the fullest sample of each kind, with the expected verdict. */
    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (TopicKind kind : ContractDocs.PAYLOAD_TYPES.keySet()) {
            ObjectNode base = fullest(kind);
            JsonNode schema = schemaTree(kind);
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            schema.path("properties").fieldNames().forEachRemaining(field -> {
                if (required.contains(field)) {
                    cases.add(removed(kind, base, field));
                }
                cases.add(changed(kind, base, field + " as array", field, NODES.arrayNode(), false));
                cases.add(changed(kind, base, field + " as null", field, NODES.nullNode(), !required.contains(field)));
            });
            cases.add(changed(kind, base, "unknown field", "firmwareVersion", NODES.textNode("1.2"), true));
            for (Change change : Changes.of(kind)) {
                ObjectNode payload = base.deepCopy();
                payload.setAll(change.fields());
                cases.add(Arguments.of(kind + ": " + change.name(), kind, payload.toString(), change.valid()));
            }
        }
        return cases.stream();
    }

    private static Arguments removed(TopicKind kind, ObjectNode base, String field) {
        ObjectNode payload = base.deepCopy();
        payload.remove(field);
        return Arguments.of(kind + ": missing " + field, kind, payload.toString(), false);
    }

    private static Arguments changed(
            TopicKind kind, ObjectNode base, String name, String field, JsonNode value, boolean valid) {
        ObjectNode payload = base.deepCopy();
        payload.set(field, value);
        return Arguments.of(kind + ": " + name, kind, payload.toString(), valid);
    }

    private static ObjectNode fullest(TopicKind kind) {
        Object sample = Samples.all().get(kind).get(0);
        try {
            return (ObjectNode) MAPPER.readTree(PayloadCodec.encode(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRequired(RecordComponent component) {
        // A map is optional on the wire: absent reads as empty, and empty is left out.
        return !component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                && !Map.class.isAssignableFrom(component.getType());
    }

    private static List<Error> schemaErrors(TopicKind kind, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(
                kind, key -> REGISTRY.getSchema(read(ContractDocs.schemaFile(key)), InputFormat.JSON));
        return schema.validate(
                json,
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    private static JsonNode schemaTree(TopicKind kind) {
        try {
            return MAPPER.readTree(read(ContractDocs.schemaFile(kind)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the fullest command sample's job with {@code field} set to {@code value}. */
    private static JsonNode jobWith(String field, JsonNode value) {
        ObjectNode job = ((ObjectNode) fullest(TopicKind.COMMANDS).get("job")).deepCopy();
        job.set(field, value);
        return job;
    }

    /** Returns the fullest command sample's job whose first stop has {@code field} set to {@code value}. */
    private static JsonNode stopWith(String field, JsonNode value) {
        ObjectNode job = ((ObjectNode) fullest(TopicKind.COMMANDS).get("job")).deepCopy();
        ((ObjectNode) job.get("stops").get(0)).set(field, value);
        return job;
    }

    /** Returns {@code count} valid stops with distinct ids. */
    private static JsonNode stops(int count) {
        var array = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(NODES.objectNode()
                    .put("stopId", "s-" + i)
                    .put("kind", "pickup")
                    .put("name", "")
                    .put("latitudeDeg", 52.5)
                    .put("longitudeDeg", 13.4)
                    .put("radiusM", 50));
        }
        return array;
    }

    /** Fields set to values, with the verdict both sides must reach. */
    record Change(String name, Map<String, JsonNode> fields, boolean valid) {

        Change(String name, String field, JsonNode value, boolean valid) {
            this(name, Map.of(field, value), valid);
        }
    }

    /** Hand-picked changes per kind: ranges, ids, formats, codes and size limits. */
    static final class Changes {

        private Changes() {}

        static List<Change> of(TopicKind kind) {
            return switch (kind) {
                case TELEMETRY -> telemetry();
                case STATE -> {
                    List<Change> changes = new ArrayList<>(position("vehicleId"));
                    changes.add(invalid("heading 360", "headingDeg", NODES.numberNode(360)));
                    changes.add(invalid("fixTime without offset", "fixTime", text("2026-12-04T09:15:30")));
                    changes.add(invalid("fixTime as epoch", "fixTime", NODES.numberNode(1_764_840_930L)));
                    changes.add(invalid("bad fleet id", "fleetId", text("de mo")));
                    changes.add(invalid("unknown status", "status", text("parked")));
                    changes.add(invalid("online as string", "online", text("yes")));
                    changes.add(invalid("receivedTime without offset", "receivedTime", text("2026-12-04T09:15:30")));
                    yield changes;
                }
                case COMMANDS ->
                    List.of(
                            invalid("bad id", "commandId", text("c/1")),
                            invalid("numeric id", "commandId", NODES.numberNode(1)),
                            invalid("unknown type", "type", text("reboot")),
                            invalid("upper-case type", "type", text("MESSAGE")),
                            invalid("other type with a job", "type", text("request-position")),
                            valid(
                                    "other type without a job",
                                    Map.of("type", text("request-position"), "job", NODES.nullNode())),
                            valid(
                                    "cancel-job without a job",
                                    Map.of("type", text("cancel-job"), "job", NODES.nullNode())),
                            invalid("job without stops", "job", jobWith("stops", NODES.arrayNode())),
                            invalid("job with bad vehicle id", "job", jobWith("vehicleId", text("v 1"))),
                            invalid("job with 51 stops", "job", jobWith("stops", stops(51))),
                            valid("job with 50 stops", "job", jobWith("stops", stops(50))),
                            invalid("stop radius under limit", "job", stopWith("radiusM", NODES.numberNode(4.9))),
                            invalid("stop latitude 91", "job", stopWith("latitudeDeg", NODES.numberNode(91))),
                            invalid("stop of unknown kind", "job", stopWith("kind", text("delivery"))),
                            invalid("stop name over limit", "job", stopWith("name", text("x".repeat(101)))),
                            invalid("stop without name", "job", stopWith("name", NODES.nullNode())),
                            invalid("stop window not a time", "job", stopWith("windowEnd", text("noon"))),
                            invalid("empty issuedBy", "issuedBy", text("")),
                            invalid("expiresTime not a time", "expiresTime", text("tomorrow")),
                            invalid("epoch issuedTime", "issuedTime", NODES.numberNode(1_764_840_930L)),
                            valid("offset issuedTime", "issuedTime", text("2026-12-04T10:15:30+01:00")),
                            valid("text at limit", "text", text("\uD83D\uDE9A".repeat(Command.MAX_TEXT_CHARS))),
                            invalid("text over limit", "text", text("x".repeat(Command.MAX_TEXT_CHARS + 1))),
                            valid("16 parameters", "parameters", textMap(16, "v")),
                            invalid("17 parameters", "parameters", textMap(17, "v")),
                            invalid("parameter value over limit", "parameters", textMap(1, "x".repeat(257))),
                            invalid(
                                    "parameter key with space",
                                    "parameters",
                                    NODES.objectNode().put("job id", "1")),
                            invalid(
                                    "parameter value as number",
                                    "parameters",
                                    NODES.objectNode().put("jobId", 1)),
                            invalid("parameters as string", "parameters", text("jobId=1")));
                case COMMAND_ACKS ->
                    List.of(
                            invalid("unknown status", "status", text("done")),
                            invalid("empty vehicle id", "vehicleId", text("")),
                            invalid("vehicle id too long", "vehicleId", text("v".repeat(Ids.MAX_LENGTH + 1))),
                            valid("vehicle id at limit", "vehicleId", text("v".repeat(Ids.MAX_LENGTH))),
                            invalid("reason over limit", "reason", text("x".repeat(CommandAck.MAX_REASON_CHARS + 1))),
                            invalid("time not a time", "time", text("2026-13-04T09:15:30Z")));
                case EVENTS ->
                    List.of(
                            invalid("capitalised type", "type", text("Overspeed")),
                            invalid("double hyphen type", "type", text("geofence--entered")),
                            invalid("type over limit", "type", text("a".repeat(FleetEvent.MAX_TYPE_CHARS + 1))),
                            valid("type at limit", "type", text("a".repeat(FleetEvent.MAX_TYPE_CHARS))),
                            valid("new type", "type", text("job-updated")),
                            invalid("bad vehicle id", "vehicleId", text("v+1")),
                            invalid("17 attributes", "attributes", textMap(17, "v")),
                            invalid(
                                    "attribute as object",
                                    "attributes",
                                    NODES.objectNode().set("a", NODES.objectNode())));
                case REJECTS ->
                    List.of(
                            invalid("unknown reason", "reason", text("bad")),
                            valid("fleet of an invalid topic", "fleetId", text("(none)")),
                            invalid(
                                    "excerpt over limit",
                                    "payloadExcerpt",
                                    text("x".repeat(Reject.MAX_EXCERPT_CHARS + 1))),
                            valid(
                                    "excerpt at limit in code points",
                                    "payloadExcerpt",
                                    text("\uD83D\uDE9A".repeat(Reject.MAX_EXCERPT_CHARS))),
                            invalid("topic as number", "topic", NODES.numberNode(7)));
                case PRESENCE -> List.of();
            };
        }

        private static List<Change> position(String idField) {
            return List.of(
                    invalid("bad id", idField, text("v/1")),
                    invalid("latitude above 90", "latitudeDeg", NODES.numberNode(91)),
                    valid("latitude -90", "latitudeDeg", NODES.numberNode(-90)),
                    invalid("longitude below -180", "longitudeDeg", NODES.numberNode(-180.5)),
                    invalid("latitude as string", "latitudeDeg", text("45.5")),
                    valid("heading 359.9", "headingDeg", NODES.numberNode(359.9)),
                    invalid("negative speed", "speedKmh", NODES.numberNode(-1)),
                    valid("speed 500", "speedKmh", NODES.numberNode(500)),
                    invalid("negative seq", "seq", NODES.numberNode(-1)),
                    invalid("fractional seq", "seq", NODES.numberNode(7.5)),
                    invalid("seq as string", "seq", text("7")),
                    invalid("altitude below -1000", "altitudeM", NODES.numberNode(-1001)),
                    invalid("negative accuracy", "accuracyM", NODES.numberNode(-3)),
                    invalid("battery above 100", "batteryPct", NODES.numberNode(100.5)),
                    invalid("ignition as string", "ignition", text("yes")));
        }

        /** The position changes, with the rules that only telemetry has: see {@code FixFields}. */
        private static List<Change> telemetry() {
            List<Change> changes = new ArrayList<>(position("vehicleId"));
            changes.addAll(List.of(
                    valid("heading 360", "headingDeg", NODES.numberNode(360)),
                    invalid("heading 360.5", "headingDeg", NODES.numberNode(360.5)),
                    invalid("fixTime without offset", "fixTime", text("2026-12-04T09:15:30")),
                    invalid("fixTime 2026-02-30", "fixTime", text("2026-02-30T09:15:30Z")),
                    valid("fixTime as epoch seconds", "fixTime", NODES.numberNode(1_764_840_930L)),
                    valid("fixTime as fractional seconds", "fixTime", NODES.numberNode(1_764_840_930.25)),
                    valid("fixTime as epoch milliseconds", "fixTime", NODES.numberNode(1_764_840_930_250L)),
                    invalid("fixTime negative", "fixTime", NODES.numberNode(-1)),
                    invalid("fixTime as boolean", "fixTime", NODES.booleanNode(true)),
                    valid("fixValid true", "fixValid", NODES.booleanNode(true)),
                    invalid("fixValid false", "fixValid", NODES.booleanNode(false)),
                    invalid("fixValid as string", "fixValid", text("true")),
                    valid("only latitude 0", "latitudeDeg", NODES.numberNode(0)),
                    invalid("latitude and longitude 0", Map.of("latitudeDeg", zero(), "longitudeDeg", zero())),
                    valid("speed in knots", "speedUnit", text("kn")),
                    valid("speed in m/s", "speedUnit", text("m/s")),
                    valid("speed in mph", "speedUnit", text("mph")),
                    valid("speed in km/h", "speedUnit", text("km/h")),
                    invalid("unknown speed unit", "speedUnit", text("kmh")),
                    invalid("speed unit as number", "speedUnit", NODES.numberNode(1)),
                    valid("269 knots", Map.of("speedKmh", NODES.numberNode(269), "speedUnit", text("kn"))),
                    invalid("270 knots", Map.of("speedKmh", NODES.numberNode(270), "speedUnit", text("kn"))),
                    valid("138 m/s", Map.of("speedKmh", NODES.numberNode(138), "speedUnit", text("m/s"))),
                    invalid("139 m/s", Map.of("speedKmh", NODES.numberNode(139), "speedUnit", text("m/s"))),
                    valid("310 mph", Map.of("speedKmh", NODES.numberNode(310), "speedUnit", text("mph"))),
                    invalid("311 mph", Map.of("speedKmh", NODES.numberNode(311), "speedUnit", text("mph")))));
            return changes;
        }

        private static Change valid(String name, String field, JsonNode value) {
            return new Change(name, field, value, true);
        }

        private static Change invalid(String name, String field, JsonNode value) {
            return new Change(name, field, value, false);
        }

        private static Change valid(String name, Map<String, JsonNode> fields) {
            return new Change(name, fields, true);
        }

        private static Change invalid(String name, Map<String, JsonNode> fields) {
            return new Change(name, fields, false);
        }

        private static JsonNode zero() {
            return NODES.numberNode(0.0);
        }

        private static JsonNode text(String value) {
            return NODES.textNode(value);
        }

        private static ObjectNode textMap(int entries, String value) {
            ObjectNode map = NODES.objectNode();
            for (int i = 0; i < entries; i++) {
                map.put("key" + i, value);
            }
            return map;
        }
    }

    /** Valid payload objects per kind; the first of each kind sets every optional field. */
    static final class Samples {

        private static final java.time.Instant T0 = java.time.Instant.parse("2026-12-04T09:15:30.250Z");

        private Samples() {}

        static Map<TopicKind, List<Object>> all() {
            Map<TopicKind, List<Object>> samples = new LinkedHashMap<>();
            samples.put(
                    TopicKind.TELEMETRY,
                    List.of(
                            States.fix(),
                            Telemetry.of("v-1", 0, T0, -90, 180, 0, 0),
                            Telemetry.of("v.2_x", Long.MAX_VALUE, T0, 90, -180, Telemetry.MAX_SPEED_KMH, 359.99)));
            samples.put(
                    TopicKind.STATE,
                    List.of(
                            States.sample(),
                            States.sample().withOnline(null, T0),
                            VehicleState.fromFix("demo", Telemetry.of("v-1", 3, T0, 1, 2, 0, 10), T0, false, T0)));
            samples.put(
                    TopicKind.COMMANDS,
                    List.of(
                            new Command(
                                    "c-1",
                                    CommandType.ASSIGN_JOB,
                                    T0,
                                    T0.plusSeconds(600),
                                    "dispatcher",
                                    "Pick up at gate 4",
                                    Map.of("jobId", "job-17"),
                                    new Job(
                                            "job-17",
                                            "veh-001",
                                            List.of(
                                                    new JobStop(
                                                            "s-1",
                                                            JobStopKind.PICKUP,
                                                            "Gate 4",
                                                            52.52,
                                                            13.405,
                                                            50,
                                                            T0,
                                                            T0.plusSeconds(1800)),
                                                    new JobStop(
                                                            "s-2",
                                                            JobStopKind.DROP_OFF,
                                                            "",
                                                            -33.9,
                                                            151.2,
                                                            10_000,
                                                            null,
                                                            T0.plusSeconds(3600))))),
                            new Command(
                                    "c-4",
                                    CommandType.CANCEL_JOB,
                                    T0,
                                    null,
                                    "dispatcher",
                                    null,
                                    Map.of("jobId", "job-17")),
                            Command.of("c-2", CommandType.REQUEST_POSITION, T0, "tracker"),
                            new Command("c-3", CommandType.MESSAGE, T0, null, "dispatcher", "", Map.of())));
            samples.put(
                    TopicKind.COMMAND_ACKS,
                    List.of(
                            new CommandAck("c-1", "veh-001", CommandAckStatus.REJECTED, T0, "driver is on a break"),
                            new CommandAck("c-1", "veh-001", CommandAckStatus.RECEIVED, T0, null),
                            new CommandAck("c-1", "veh-001", CommandAckStatus.ACCEPTED, T0, null),
                            new CommandAck("c-1", "veh-001", CommandAckStatus.COMPLETED, T0, null)));
            samples.put(
                    TopicKind.EVENTS,
                    List.of(
                            new FleetEvent("e-1", "geofence-entered", "veh-001", T0, Map.of("geofenceId", "depot")),
                            new FleetEvent("e-2", "offline", null, T0, Map.of()),
                            new FleetEvent("e-3", "trip-ended", "veh-001", T0, Map.of("distanceM", "1234.5"))));
            samples.put(
                    TopicKind.REJECTS,
                    List.of(
                            new Reject(
                                    "demo",
                                    "veh-001",
                                    "fleet/demo/vehicles/veh-001/telemetry",
                                    RejectReason.OUT_OF_RANGE,
                                    "latitudeDeg 91.5 is out of range [-90, 90]",
                                    T0,
                                    "{\"latitudeDeg\":91.5}"),
                            new Reject(
                                    "(none)",
                                    null,
                                    "fleet",
                                    RejectReason.INVALID_TOPIC,
                                    "topic is not of the contract",
                                    T0,
                                    "")));
            return samples;
        }

        static String describe(Object sample) {
            String text = sample.toString();
            return text.length() <= 60 ? text : text.substring(0, 60) + "...";
        }
    }
}
