package org.fleettracker.tracker.internal.trips;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Gives recomputed trips or stops the ids of the stored ones they replace, so an id stays stable when a correction
 * only changes numbers.
 */
final class IdMatcher {

    private IdMatcher() {}

    /** Start and end of a segment on the time line. */
    record Span(Instant start, Instant end) {

        Duration overlap(Span other) {
            Instant from = start.isAfter(other.start) ? start : other.start;
            Instant to = end.isBefore(other.end) ? end : other.end;
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
    }

    /**
     * Returns {@code fresh} in order, each carrying the id of the unused stored segment with the same start time, or
     * else of the unused one it overlaps most. A segment that overlaps none keeps its own id.
     */
    static <T> List<T> match(
            List<T> fresh,
            List<T> stored,
            Function<T, Span> span,
            Function<T, String> id,
            BiFunction<T, String, T> withId) {
        Set<String> used = new HashSet<>();
        List<T> matched = new ArrayList<>(fresh.size());
        for (T segment : fresh) {
            Span own = span.apply(segment);
            @Nullable T best = null;
            Duration bestOverlap = Duration.ZERO;
            for (T candidate : stored) {
                if (used.contains(id.apply(candidate))) {
                    continue;
                }
                Span other = span.apply(candidate);
                if (other.start().equals(own.start())) {
                    best = candidate;
                    break;
                }
                Duration overlap = own.overlap(other);
                if (overlap.compareTo(bestOverlap) > 0) {
                    best = candidate;
                    bestOverlap = overlap;
                }
            }
            if (best == null) {
                matched.add(segment);
            } else {
                used.add(id.apply(best));
                matched.add(withId.apply(segment, id.apply(best)));
            }
        }
        return matched;
    }
}
