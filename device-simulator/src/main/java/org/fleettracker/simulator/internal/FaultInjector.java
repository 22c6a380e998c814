package org.fleettracker.simulator.internal;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Duplicates, reorders and breaks fixes on their way to a vehicle's link, and counts what it did. Each vehicle draws
 * from its own random generator, so a seed gives the same faults on the same fixes whatever the timing. Thread-safe
 * as long as each {@link VehicleFaults} is called by one thread at a time.
 */
public final class FaultInjector {

    /** Kind of damage in a malformed payload, with the reject reason code that the tracker's decoder gives it. */
    public enum Malformation {
        TRUNCATED_JSON("malformed_json"),
        LATITUDE_OUT_OF_RANGE("out_of_range"),
        SPEED_AS_TEXT("invalid_field"),
        FIX_TIME_MISSING("missing_field");

        private final String rejectReason;

        Malformation(String rejectReason) {
            this.rejectReason = rejectReason;
        }

        /** Returns the reject reason code that this kind of payload gets from the tracker's telemetry decoder. */
        public String rejectReason() {
            return rejectReason;
        }
    }

    /** Latitude of a {@link Malformation#LATITUDE_OUT_OF_RANGE} payload, beyond the valid ±90 degrees. */
    private static final double INVALID_LATITUDE_DEG = 123.0;

    private static final List<Malformation> MALFORMATIONS = List.of(Malformation.values());

    private final double duplicateRatio;
    private final double outOfOrderRatio;
    private final double malformedRatio;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    /** Creates an injector; each ratio is the fraction of fixes, from 0 to 1, that get that fault. */
    public FaultInjector(double duplicateRatio, double outOfOrderRatio, double malformedRatio) {
        this.duplicateRatio = duplicateRatio;
        this.outOfOrderRatio = outOfOrderRatio;
        this.malformedRatio = malformedRatio;
    }

    /** Returns the injector of a run without payload faults. */
    public static FaultInjector none() {
        return new FaultInjector(0, 0, 0);
    }

    /** Returns the fault state of one vehicle, drawing from {@code random}. */
    public VehicleFaults forVehicle(SplittableRandom random) {
        return new VehicleFaults(random);
    }

    /** Returns how many fixes were published a second time. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Returns how many fixes were published after the fix that followed them. */
    public long reordered() {
        return reordered.get();
    }

    /** Returns how many payloads were replaced by malformed ones. */
    public long malformed() {
        return malformed.get();
    }

    /** Returns {@code payload}, a valid encoded fix, broken in the way {@code kind} names. */
    static byte[] malform(byte[] payload, Malformation kind) {
        String json = new String(payload, StandardCharsets.UTF_8);
        String broken =
                switch (kind) {
                    case TRUNCATED_JSON -> json.substring(0, json.length() / 2);
                    case LATITUDE_OUT_OF_RANGE ->
                        json.replaceFirst("\"latitudeDeg\":[^,}]+", "\"latitudeDeg\":" + INVALID_LATITUDE_DEG);
                    case SPEED_AS_TEXT -> json.replaceFirst("\"speedKmh\":[^,}]+", "\"speedKmh\":\"fast\"");
                    case FIX_TIME_MISSING -> json.replaceFirst("\"fixTime\":\"[^\"]*\",", "");
                };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    /** The faults of one vehicle: its random draws and the fix it keeps back to send after the next one. */
    public final class VehicleFaults {

        private final SplittableRandom random;
        private @Nullable Telemetry heldBack;

        private VehicleFaults(SplittableRandom random) {
            this.random = random;
        }

        /** Hands {@code fix} to {@code link}, or keeps it back to send it after the vehicle's next fix. */
        public void send(Telemetry fix, TelemetryLink link) {
            Telemetry earlier = heldBack;
            if (earlier != null) {
                heldBack = null;
                deliver(fix, link);
                deliver(earlier, link);
                reordered.incrementAndGet();
                return;
            }
            if (outOfOrderRatio > 0 && random.nextDouble() < outOfOrderRatio) {
                heldBack = fix;
                return;
            }
            deliver(fix, link);
        }

        /** Sends a fix still held back, in order, because the vehicle has no next fix. */
        public void flush(TelemetryLink link) {
            Telemetry earlier = heldBack;
            if (earlier != null) {
                heldBack = null;
                deliver(earlier, link);
            }
        }

        private void deliver(Telemetry fix, TelemetryLink link) {
            byte[] payload = TelemetryCodec.encode(fix);
            if (malformedRatio > 0 && random.nextDouble() < malformedRatio) {
                Malformation kind = MALFORMATIONS.get(random.nextInt(MALFORMATIONS.size()));
                link.submitPayload(fix.seq(), malform(payload, kind));
                malformed.incrementAndGet();
                return;
            }
            link.submitPayload(fix.seq(), payload);
            if (duplicateRatio > 0 && random.nextDouble() < duplicateRatio) {
                link.submitPayload(fix.seq(), payload);
                duplicates.incrementAndGet();
            }
        }
    }
}
