package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects what the MQTT threads receive until the FX thread takes it once per frame.
 *
 * <p>Thread safe. Updates are merged per vehicle, so a burst of thousands of messages costs the FX thread one
 * update per vehicle. Every message gets an arrival number, which orders it against connection losses. Events are
 * queued in arrival order up to a limit; beyond it the oldest are dropped and counted.
 */
public final class FleetInbox {

    private final int trailLength;
    private final ConcurrentHashMap<String, PendingUpdate> pending = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicReference<@Nullable StaleMark> staleMark = new AtomicReference<>();
    private final AtomicReference<@Nullable Instant> lastMessageTime = new AtomicReference<>();
    private final AtomicLong malformedCount = new AtomicLong();
    private final int maxEvents;
    private final ConcurrentLinkedQueue<FleetEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicReference<@Nullable Instant> lostSince = new AtomicReference<>();
    private final AtomicReference<@Nullable Reconnect> reconnect = new AtomicReference<>();

    public FleetInbox(int trailLength) {
        this(trailLength, ConsoleConfig.INBOX_EVENTS_MAX);
    }

    public FleetInbox(int trailLength, int maxEvents) {
        this.trailLength = trailLength;
        this.maxEvents = maxEvents;
    }

    /** Queues an event of the fleet's events topic. */
    public void offerEvent(FleetEvent event, Instant receivedTime) {
        events.add(event);
        if (queuedEvents.incrementAndGet() > maxEvents && events.poll() != null) {
            queuedEvents.decrementAndGet();
            droppedEvents.incrementAndGet();
        }
        lastMessageTime.set(receivedTime);
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

    /** Offers the presence of {@code vehicleId} that came on a topic of fleet {@code fleetId}. */
    public void offerPresence(String fleetId, String vehicleId, Presence presence, Instant receivedTime) {
        Ids.requireValid("fleet id", fleetId);
        Ids.requireValid("vehicle id", vehicleId);
        long sequence = arrivals.incrementAndGet();
        pending.compute(vehicleId, (id, update) -> {
            PendingUpdate merged = update != null ? update : new PendingUpdate(id, trailLength);
            merged.mergePresence(presence, fleetId, sequence);
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
        lostSince.compareAndSet(null, at);
    }

    /**
     * Records that the console subscribed again after a loss, so the next frame refills what it missed; does nothing
     * after the first connection.
     *
     * @param at when the broker accepted the new connection (its CONNACK), the start of the measured resync time
     */
    public void connectionRestored(Instant at) {
        Instant since = lostSince.getAndSet(null);
        if (since == null) {
            return;
        }
        reconnect.updateAndGet(previous -> new Reconnect(previous != null ? previous.lostSince() : since, at));
    }

    /** Takes the stale mark (if any) and every pending update. */
    public Drained drain() {
        StaleMark mark = staleMark.getAndSet(null);
        Reconnect restored = reconnect.getAndSet(null);
        List<FleetEvent> newEvents = new ArrayList<>();
        for (FleetEvent event = events.poll(); event != null; event = events.poll()) {
            queuedEvents.decrementAndGet();
            newEvents.add(event);
        }
        List<PendingUpdate> updates = new ArrayList<>(pending.size());
        for (String vehicleId : pending.keySet()) {
            PendingUpdate update = pending.remove(vehicleId);
            if (update != null) {
                updates.add(update);
            }
        }
        return new Drained(mark, updates, newEvents, restored);
    }

    public @Nullable Instant lastMessageTime() {
        return lastMessageTime.get();
    }

    public long malformedCount() {
        return malformedCount.get();
    }

    /** Returns how many events were dropped because the frames did not take them fast enough. */
    public long droppedEventCount() {
        return droppedEvents.get();
    }

    /**
     * The content one frame takes out of the inbox; the stale mark is applied before the updates.
     *
     * @param events the events in arrival order
     * @param reconnect the connection loss that ended since the last frame, or null
     */
    public record Drained(
            @Nullable StaleMark staleMark,
            List<PendingUpdate> updates,
            List<FleetEvent> events,
            @Nullable Reconnect reconnect) {

        /** Returns whether the frame has no state, presence or stale mark to apply to the model. */
        public boolean isEmpty() {
            return staleMark == null && updates.isEmpty();
        }
    }

    /**
     * A connection loss that ended.
     *
     * @param lostSince when the connection dropped
     * @param restoredAt when the broker accepted the new connection (its CONNACK); the console subscribed after it
     */
    public record Reconnect(Instant lostSince, Instant restoredAt) {}
}
