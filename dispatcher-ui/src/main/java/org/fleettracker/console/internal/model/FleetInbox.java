package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects what the MQTT threads receive until the FX thread takes it once per frame.
 *
 * <p>Thread safe. Updates are merged per vehicle, so a burst of thousands of messages costs the FX thread one
 * update per vehicle. Every message gets an arrival number, which orders it against connection losses.
 */
public final class FleetInbox {

    private final int trailLength;
    private final ConcurrentHashMap<String, PendingUpdate> pending = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicReference<@Nullable StaleMark> staleMark = new AtomicReference<>();
    private final AtomicReference<@Nullable Instant> lastMessageTime = new AtomicReference<>();
    private final AtomicLong malformedCount = new AtomicLong();

    public FleetInbox(int trailLength) {
        this.trailLength = trailLength;
    }

    public void offerState(VehicleState state, Instant receivedTime) {
        long sequence = arrivals.incrementAndGet();
        pending.compute(state.vehicleId(), (id, update) -> {
            PendingUpdate merged = update != null ? update : new PendingUpdate(id, trailLength);
            merged.mergeState(state, sequence);
            return merged;
        });
        lastMessageTime.set(receivedTime);
    }

    public void offerPresence(String vehicleId, Presence presence, Instant receivedTime) {
        Ids.requireValid("vehicle id", vehicleId);
        long sequence = arrivals.incrementAndGet();
        pending.compute(vehicleId, (id, update) -> {
            PendingUpdate merged = update != null ? update : new PendingUpdate(id, trailLength);
            merged.mergePresence(presence, sequence);
            return merged;
        });
        lastMessageTime.set(receivedTime);
    }

    /** Counts a message that could not be decoded; the caller logs it. */
    public void countMalformed(Instant receivedTime) {
        malformedCount.incrementAndGet();
        lastMessageTime.set(receivedTime);
    }

    /** Records that the connection dropped at {@code at}; a later loss before the next frame keeps the first time. */
    public void connectionLost(Instant at) {
        long sequence = arrivals.incrementAndGet();
        staleMark.updateAndGet(previous -> new StaleMark(previous != null ? previous.since() : at, sequence));
    }

    /** Takes the stale mark (if any) and every pending update. */
    public Drained drain() {
        StaleMark mark = staleMark.getAndSet(null);
        List<PendingUpdate> updates = new ArrayList<>(pending.size());
        for (String vehicleId : pending.keySet()) {
            PendingUpdate update = pending.remove(vehicleId);
            if (update != null) {
                updates.add(update);
            }
        }
        return new Drained(mark, updates);
    }

    public @Nullable Instant lastMessageTime() {
        return lastMessageTime.get();
    }

    public long malformedCount() {
        return malformedCount.get();
    }

    /** What one frame takes out of the inbox; the stale mark is applied before the updates. */
    public record Drained(@Nullable StaleMark staleMark, List<PendingUpdate> updates) {

        public boolean isEmpty() {
            return staleMark == null && updates.isEmpty();
        }
    }
}
