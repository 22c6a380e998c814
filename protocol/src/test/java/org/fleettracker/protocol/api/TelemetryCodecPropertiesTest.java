package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.fleettracker.protocol.testing.TelemetryInvariants;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link TelemetryCodec} over generated fixes and payloads: valid fixes survive a round trip, and no
 * input makes decoding throw or accept a fix that breaks {@link TelemetryInvariants}.
 */
class TelemetryCodecPropertiesTest {

    @Property
    void valid_fix_survives_encode_and_decode(@ForAll("fixes") Telemetry fix) {
        DecodeResult result = TelemetryCodec.decode(TelemetryCodec.encode(fix), fix.vehicleId());

        assertThat(result).isEqualTo(new DecodeResult.Accepted(fix));
    }

    @Property(tries = 300)
    void any_bytes_decode_without_throwing(@ForAll("byteArrays") byte[] payload) {
        checkDecoded(payload, "v-1");
    }

    @Property(tries = 300)
    void damaged_payload_decodes_without_throwing(@ForAll("damagedPayloads") byte[] payload) {
        checkDecoded(payload, TelemetryGenerators.VEHICLE_ID);
    }

    @Property(tries = 500)
    void any_json_object_decodes_without_throwing(@ForAll("objects") ObjectNode object) {
        checkDecoded(TelemetryGenerators.bytes(object), TelemetryGenerators.VEHICLE_ID);
    }

    @Property(tries = 300)
    void changed_fix_is_valid_or_rejected(@ForAll("changedFixes") ObjectNode object) {
        String verdict = checkDecoded(TelemetryGenerators.bytes(object), TelemetryGenerators.VEHICLE_ID);

        // Guards against generators that only ever produce rejects, which would make the invariant check vacuous.
        Statistics.label("verdict").collect(verdict);
        Statistics.label("verdict").coverage(checker -> {
            checker.check("accepted").percentage(percent -> percent > 5);
            checker.check("out_of_range").percentage(percent -> percent > 1);
            checker.check("no_fix").percentage(percent -> percent > 1);
            checker.check("invalid_field").percentage(percent -> percent > 5);
        });
    }

    @Property(tries = 300)
    void epoch_number_reads_as_seconds_or_milliseconds(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000_000L) long value) {
        byte[] payload =
                TelemetryPayloads.valid().raw("fixTime", Long.toString(value)).bytes();

        DecodeResult result = TelemetryCodec.decode(payload, "v-1");

        Instant expected = value < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        assertThat(((DecodeResult.Accepted) result).telemetry().fixTime()).isEqualTo(expected);
    }

    @Property(tries = 300)
    void speed_in_a_unit_converts_or_is_out_of_range(
            @ForAll("speedUnits") SpeedUnit unit, @ForAll @DoubleRange(min = -10, max = 600) double value) {
        byte[] payload = TelemetryPayloads.valid()
                .raw("speedKmh", Double.toString(value))
                .text("speedUnit", unit.code())
                .bytes();

        DecodeResult result = TelemetryCodec.decode(payload, "v-1");

        double kmh = unit.toKmh(value);
        if (kmh >= 0 && kmh <= Telemetry.MAX_SPEED_KMH) {
            assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
            assertThat(((DecodeResult.Accepted) result).telemetry().speedKmh()).isEqualTo(kmh);
        } else {
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(((DecodeResult.Rejected) result).reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        }
    }

    @Provide
    Arbitrary<SpeedUnit> speedUnits() {
        return Arbitraries.of(SpeedUnit.class);
    }

    @Provide
    Arbitrary<Telemetry> fixes() {
        return TelemetryGenerators.fixes();
    }

    @Provide
    Arbitrary<byte[]> byteArrays() {
        // A few arrays around the 16 KiB limit; they are slow to generate.
        return Arbitraries.frequencyOf(
                Tuple.of(19, Arbitraries.bytes().array(byte[].class).ofMaxSize(256)),
                Tuple.of(
                        1,
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofMinSize(16_000)
                                .ofMaxSize(17_000)));
    }

    @Provide
    Arbitrary<byte[]> damagedPayloads() {
        return TelemetryGenerators.damagedPayloads();
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return Arbitraries.maps(TelemetryGenerators.fieldNames(), TelemetryGenerators.jsonValues(3))
                .ofMaxSize(16)
                .map(TelemetryGenerators::object);
    }

    @Provide
    Arbitrary<ObjectNode> changedFixes() {
        Arbitrary<Map<String, JsonNode>> changes = Arbitraries.maps(
                        TelemetryGenerators.fieldNames(), TelemetryGenerators.jsonValues(2))
                .ofMaxSize(3);
        Arbitrary<Set<String>> removals =
                Arbitraries.of(TelemetryGenerators.FIELDS).set().ofMaxSize(1);
        return Combinators.combine(
                        TelemetryGenerators.fixes(), removals, TelemetryGenerators.coordinateChanges(), changes)
                .as(TelemetryGenerators::changed);
    }

    /** Decodes without letting an exception escape, checks any accepted fix, and returns the verdict. */
    private static String checkDecoded(byte[] payload, String vehicleId) {
        DecodeResult result = TelemetryCodec.decode(payload, vehicleId);
        if (result instanceof DecodeResult.Accepted accepted) {
            TelemetryInvariants.assertValid(accepted.telemetry());
            return "accepted";
        }
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
        assertThat(rejected.detail()).isNotBlank();
        return rejected.reason().code();
    }
}
