package org.fleettracker.protocol.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** jqwik generators of telemetry fixes, JSON values and damaged payloads for {@link TelemetryCodecPropertiesTest}. */
final class TelemetryGenerators {

    /** Vehicle id of the generated payloads that are not round trips; the topic names the same id. */
    static final String VEHICLE_ID = "v-1";

    /** Every field the codec reads. */
    static final List<String> FIELDS = List.of(
            "vehicleId",
            "seq",
            "fixTime",
            "latitudeDeg",
            "longitudeDeg",
            "speedKmh",
            "headingDeg",
            "altitudeM",
            "accuracyM",
            "odometerM",
            "ignition",
            "batteryPct",
            "panic",
            "fixValid",
            "speedUnit");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final long MIN_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);

    private static final long MAX_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

    private TelemetryGenerators() {}

    /** Any fix the {@link Telemetry} constructor accepts, except 0,0, which the codec rejects as no fix. */
    static Arbitrary<Telemetry> fixes() {
        Arbitrary<double[]> motion = Combinators.combine(
                        degrees(90), degrees(180), between(0, Telemetry.MAX_SPEED_KMH), headings())
                .as((lat, lon, speed, heading) -> new double[] {lat, lon, speed, heading})
                .filter(values -> !(values[0] == 0 && values[1] == 0));
        Arbitrary<@Nullable Double[]> extras = Combinators.combine(
                        between(Telemetry.MIN_ALTITUDE_M, Telemetry.MAX_ALTITUDE_M)
                                .injectNull(0.3),
                        between(0, 1e7).injectNull(0.3),
                        between(0, 1e12).injectNull(0.3),
                        between(0, 100).injectNull(0.3))
                .as((altitude, accuracy, odometer, battery) -> new Double[] {altitude, accuracy, odometer, battery});
        Arbitrary<@Nullable Boolean> ignition = Arbitraries.of(true, false).injectNull(0.3);
        Arbitrary<@Nullable Boolean> panic = Arbitraries.of(true, false).injectNull(0.5);
        return Combinators.combine(
                        ids(), Arbitraries.longs().greaterOrEqual(0), instants(), motion, extras, ignition, panic)
                .as((id, seq, time, m, e, on, alarm) ->
                        new Telemetry(id, seq, time, m[0], m[1], m[2], m[3], e[0], e[1], e[2], on, e[3], alarm));
    }

    /** Field names of the codec and a few unknown ones. */
    static Arbitrary<String> fieldNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(FIELDS)),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)));
    }

    /** Any JSON value nested at most {@code depth} levels, with numbers and strings on the edges of the rules. */
    static Arbitrary<JsonNode> jsonValues(int depth) {
        List<Arbitrary<JsonNode>> choices = new ArrayList<>(List.of(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                edgeNumbers(),
                Arbitraries.strings()
                        .withCharRange(' ', '~')
                        .withCharRange('\u00c0', '\u017f')
                        .ofMaxLength(24)
                        .map(NODES::textNode),
                Arbitraries.of(
                                "NaN",
                                "12.3",
                                "",
                                VEHICLE_ID,
                                "2026-12-04T09:15:30Z",
                                "2026-12-04T11:15:30+02:00",
                                "2026-12-04T09:15:30",
                                "2026-02-30T09:15:30Z",
                                "km/h",
                                "kn",
                                "m/s",
                                "mph")
                        .map(NODES::textNode)));
        if (depth > 0) {
            Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> jsonValues(depth - 1));
            choices.add(inner.list().ofMaxSize(3).map(TelemetryGenerators::array));
            choices.add(Arbitraries.maps(fieldNames(), inner).ofMaxSize(3).map(TelemetryGenerators::object));
        }
        return Arbitraries.oneOf(choices);
    }

    /** A valid payload cut short, or with a byte replaced, inserted or removed. */
    static Arbitrary<byte[]> damagedPayloads() {
        Arbitrary<byte[]> valid = fixes().map(fix -> TelemetryCodec.encode(new Telemetry(
                VEHICLE_ID,
                fix.seq(),
                fix.fixTime(),
                fix.latitudeDeg(),
                fix.longitudeDeg(),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                fix.accuracyM(),
                fix.odometerM(),
                fix.ignition(),
                fix.batteryPct(),
                fix.panic())));
        return Combinators.combine(
                        valid,
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.bytes(),
                        Arbitraries.of(Damage.values()))
                .as((bytes, where, value, damage) -> damage.apply(bytes, (int) (where * bytes.length), value));
    }

    /**
     * Latitude and longitude set together, often both to a zero, which random single changes would almost never
     * reach; or no change.
     */
    static Arbitrary<Map<String, JsonNode>> coordinateChanges() {
        Arbitrary<JsonNode> zeros = Arbitraries.of(0L, 0.0, -0.0).map(TelemetryGenerators::number);
        Arbitrary<JsonNode> edges = Arbitraries.of(0.0, -90.0, 90.0, 180.0, -180.0, 90.000001, -180.000001, 1e-9)
                .map(NODES::numberNode);
        Arbitrary<Map<String, JsonNode>> zeroPairs =
                Combinators.combine(zeros, zeros).as((lat, lon) -> Map.of("latitudeDeg", lat, "longitudeDeg", lon));
        Arbitrary<Map<String, JsonNode>> edgePairs =
                Combinators.combine(edges, edges).as((lat, lon) -> Map.of("latitudeDeg", lat, "longitudeDeg", lon));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Map.of())), Tuple.of(1, zeroPairs), Tuple.of(1, edgePairs));
    }

    /**
     * The encoded fix with its vehicle id set to {@link #VEHICLE_ID}, fields removed, coordinates changed and then
     * any fields set.
     */
    static ObjectNode changed(
            Telemetry fix, Set<String> removals, Map<String, JsonNode> coordinates, Map<String, JsonNode> changes) {
        ObjectNode node = read(TelemetryCodec.encode(fix));
        node.put("vehicleId", VEHICLE_ID);
        removals.forEach(node::remove);
        coordinates.forEach(node::set);
        changes.forEach(node::set);
        return node;
    }

    private static JsonNode number(Number value) {
        return value instanceof Long whole ? NODES.numberNode(whole) : NODES.numberNode(value.doubleValue());
    }

    static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode node = NODES.objectNode();
        fields.forEach(node::set);
        return node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode array(List<JsonNode> values) {
        ArrayNode node = NODES.arrayNode();
        values.forEach(node::add);
        return node;
    }

    private static ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arbitrary<JsonNode> edgeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(0L, -1L, 90L, 180L, 360L, 500L, 501L, 99_999_999_999L, 100_000_000_000L)
                        .map(NODES::numberNode),
                Arbitraries.of(-0.0, 359.999, 360.5, -90.0001, 1e-300, 1e11, Double.MAX_VALUE)
                        .map(NODES::numberNode),
                Arbitraries.of("1e400", "-1e400", "123456789012345678901234567890", "1796375730.123456789")
                        .map(text -> NODES.numberNode(new BigDecimal(text))));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('.', '_', '-')
                .ofMinLength(1)
                .ofMaxLength(Ids.MAX_LENGTH);
    }

    /** Instants from the first to the last second that an ISO-8601 text with offset can hold. */
    private static Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 4_102_444_800L)),
                Tuple.of(1, Arbitraries.longs().between(MIN_SECOND, MAX_SECOND)));
        return Combinators.combine(seconds, Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    private static Arbitrary<Double> degrees(double limit) {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-limit, limit).ofScale(12),
                Arbitraries.of(-limit, limit, 0.0, -0.0, Double.MIN_VALUE));
    }

    private static Arbitrary<Double> headings() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, true, 360, false).ofScale(12),
                Arbitraries.of(0.0, -0.0, Math.nextDown(360.0)));
    }

    private static Arbitrary<Double> between(double min, double max) {
        return Arbitraries.doubles().between(min, max).ofScale(6);
    }

    /** Ways to damage an encoded payload at one position. */
    enum Damage {
        CUT,
        REPLACE,
        INSERT,
        REMOVE;

        byte[] apply(byte[] bytes, int at, byte value) {
            int index = Math.min(at, bytes.length - 1);
            return switch (this) {
                case CUT -> Arrays.copyOf(bytes, index);
                case REPLACE -> {
                    byte[] copy = bytes.clone();
                    copy[index] = value;
                    yield copy;
                }
                case INSERT -> join(Arrays.copyOf(bytes, index), new byte[] {value}, bytes, index);
                case REMOVE -> join(Arrays.copyOf(bytes, index), new byte[0], bytes, index + 1);
            };
        }

        private static byte[] join(byte[] head, byte[] middle, byte[] all, int tailFrom) {
            byte[] result = Arrays.copyOf(head, head.length + middle.length + all.length - tailFrom);
            System.arraycopy(middle, 0, result, head.length, middle.length);
            System.arraycopy(all, tailFrom, result, head.length + middle.length, all.length - tailFrom);
            return result;
        }
    }
}
