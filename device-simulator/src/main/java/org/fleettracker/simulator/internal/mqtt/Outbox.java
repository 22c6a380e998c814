package org.fleettracker.simulator.internal.mqtt;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Fixes waiting to be sent, in submission order across all vehicles of a link, with an index per vehicle so that each
 * vehicle's share can be kept within the buffer limit. Not thread-safe: a link uses it on its own executor only.
 *
 * @param <T> the queued fix
 */
final class Outbox<T> {

    private final NavigableMap<Long, T> bySubmission = new TreeMap<>();
    private final Map<Object, NavigableSet<Long>> byVehicle = new HashMap<>();
    private final Function<T, Object> vehicleOf;

    /** Creates an empty outbox; {@code vehicleOf} returns the key of the vehicle a fix belongs to. */
    Outbox(Function<T, Object> vehicleOf) {
        this.vehicleOf = vehicleOf;
    }

    /** Queues {@code fix} under {@code submission}, which orders it against every other fix of the link. */
    void put(long submission, T fix) {
        T previous = bySubmission.put(submission, fix);
        if (previous != null) {
            unindex(submission, previous);
        }
        byVehicle.computeIfAbsent(vehicleOf.apply(fix), key -> new TreeSet<>()).add(submission);
    }

    /** Returns the fix submitted first, or null when the outbox is empty. */
    @Nullable
    T first() {
        Map.Entry<Long, T> first = bySubmission.firstEntry();
        return first == null ? null : first.getValue();
    }

    /** Removes and returns the fix submitted first, or null when the outbox is empty. */
    @Nullable
    T pollFirst() {
        Map.Entry<Long, T> first = bySubmission.pollFirstEntry();
        if (first == null) {
            return null;
        }
        unindex(first.getKey(), first.getValue());
        return first.getValue();
    }

    boolean isEmpty() {
        return bySubmission.isEmpty();
    }

    int size() {
        return bySubmission.size();
    }

    /** Returns the queued fixes in submission order, as a copy. */
    List<T> values() {
        return new ArrayList<>(bySubmission.values());
    }

    void clear() {
        bySubmission.clear();
        byVehicle.clear();
    }

    /** Removes every fix of {@code vehicle} and returns them in submission order. */
    List<T> removeVehicle(Object vehicle) {
        NavigableSet<Long> submissions = byVehicle.remove(vehicle);
        if (submissions == null) {
            return List.of();
        }
        List<T> removed = new ArrayList<>(submissions.size());
        for (long submission : submissions) {
            removed.add(bySubmission.remove(submission));
        }
        return removed;
    }

    /**
     * Removes fixes of {@code vehicle} until at most {@code limit} of them remain, its newest ones when {@code
     * dropNewest} is set and its oldest ones otherwise, and returns the removed fixes.
     */
    List<T> trim(Object vehicle, int limit, boolean dropNewest) {
        NavigableSet<Long> submissions = byVehicle.get(vehicle);
        if (submissions == null || submissions.size() <= limit) {
            return List.of();
        }
        List<T> dropped = new ArrayList<>(submissions.size() - limit);
        while (submissions.size() > limit) {
            long submission = dropNewest ? submissions.pollLast() : submissions.pollFirst();
            dropped.add(bySubmission.remove(submission));
        }
        return dropped;
    }

    private void unindex(long submission, T fix) {
        Object vehicle = vehicleOf.apply(fix);
        NavigableSet<Long> submissions = byVehicle.get(vehicle);
        if (submissions == null) {
            return;
        }
        submissions.remove(submission);
        if (submissions.isEmpty()) {
            byVehicle.remove(vehicle);
        }
    }
}
