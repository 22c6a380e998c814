package org.fleettracker.simulator.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Follows the state topic of the benchmark's vehicles: keeps each vehicle's highest seq seen in a state, and the
 * receive time of each (vehicle, seq) state for the publish-to-state latency.
 *
 * <p>The tracker commits fixes in arrival order and publishes only the newest state of a vehicle per batch, so a
 * state with seq {@code s} means every fix of that vehicle up to {@code s} is committed. {@link #committedFixes()}
 * counts them. Thread-safe.
 */
final class StateWatcher {

    private static final Logger log = LoggerFactory.getLogger(StateWatcher.class);

    private static final JsonFactory JSON = new JsonFactory();

    /** A received state: the seq it carries and when it arrived, in epoch microseconds. */
    record StateArrival(long seq, long receivedMicros) {}

    private final Map<String, Integer> vehicleIndexes;
    private final AtomicLongArray highestSeqs;
    private final List<List<StateArrival>> arrivals = new ArrayList<>();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    /** Creates a watcher of the vehicles in {@code vehicleIndexes}, whose fixes start at {@code firstSeqs}. */
    StateWatcher(Map<String, Integer> vehicleIndexes, long[] firstSeqs) {
        this.vehicleIndexes = Map.copyOf(vehicleIndexes);
        this.highestSeqs = new AtomicLongArray(firstSeqs.length);
        for (int i = 0; i < firstSeqs.length; i++) {
            highestSeqs.set(i, firstSeqs[i] - 1);
            arrivals.add(new ArrayList<>());
        }
    }

    void accept(String topic, byte[] payload) {
        long receivedMicros = EpochMicros.now();
        VehicleSeq state = readVehicleSeq(payload);
        if (state == null) {
            if (undecodable.getAndIncrement() == 0) {
                log.warn("A state message on {} has no vehicleId and seq at its top level", topic);
            }
            return;
        }
        Integer index = vehicleIndexes.get(state.vehicleId());
        if (index == null) {
            return;
        }
        List<StateArrival> vehicleArrivals = arrivals.get(index);
        synchronized (vehicleArrivals) {
            vehicleArrivals.add(new StateArrival(state.seq(), receivedMicros));
        }
        long previous = highestSeqs.getAndAccumulate(index, state.seq(), Math::max);
        if (state.seq() > previous) {
            committed.addAndGet(state.seq() - previous);
        }
    }

    /** The two fields of a state message that the benchmark needs. */
    record VehicleSeq(String vehicleId, long seq) {}

    /**
     * Reads {@code vehicleId} and {@code seq} from a state message with a streaming parser and skips the rest. A
     * profile of the benchmark's JVM found the full decode of every state, with its validation, taking a third of the
     * JVM's samples, CPU that the measured tracker on the same cores then lacked.
     *
     * @return the two fields, or null when the payload is not a JSON object with both
     */
    static @Nullable VehicleSeq readVehicleSeq(byte[] payload) {
        String vehicleId = null;
        long seq = -1;
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("vehicleId".equals(field) && value == JsonToken.VALUE_STRING) {
                    vehicleId = parser.getText();
                } else if ("seq".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    seq = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return vehicleId == null || seq < 0 ? null : new VehicleSeq(vehicleId, seq);
    }

    /** Returns how many fixes the received states show as committed, over all vehicles. */
    long committedFixes() {
        return committed.get();
    }

    /** Returns a copy of the states received for the vehicle, in arrival order. */
    List<StateArrival> arrivals(int vehicleIndex) {
        List<StateArrival> vehicleArrivals = arrivals.get(vehicleIndex);
        synchronized (vehicleArrivals) {
            return List.copyOf(vehicleArrivals);
        }
    }
}
