package org.fleettracker.tracker.internal.trips;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdMatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    /** A segment on the time line, given in minutes after {@link #T0}. */
    private record Segment(String id, int startMinute, int endMinute) {

        IdMatcher.Span span() {
            return new IdMatcher.Span(T0.plusSeconds(60L * startMinute), T0.plusSeconds(60L * endMinute));
        }

        Segment withId(String newId) {
            return new Segment(newId, startMinute, endMinute);
        }
    }

    @Test
    void same_start_keeps_the_stored_id() {
        List<Segment> matched = match(List.of(new Segment("new", 0, 20)), List.of(new Segment("old", 0, 10)));

        assertThat(matched).extracting(Segment::id).containsExactly("old");
    }

    @Test
    void largest_overlap_wins_without_a_same_start() {
        List<Segment> stored = List.of(new Segment("small", 0, 12), new Segment("large", 12, 30));

        List<Segment> matched = match(List.of(new Segment("new", 10, 30)), stored);

        assertThat(matched).extracting(Segment::id).containsExactly("large");
    }

    @Test
    void split_segment_gives_its_id_to_one_part() {
        List<Segment> fresh = List.of(new Segment("first", 0, 10), new Segment("second", 15, 30));

        List<Segment> matched = match(fresh, List.of(new Segment("old", 0, 30)));

        assertThat(matched).extracting(Segment::id).containsExactly("old", "second");
    }

    @Test
    void segment_without_overlap_keeps_its_own_id() {
        List<Segment> matched = match(List.of(new Segment("new", 40, 50)), List.of(new Segment("old", 0, 30)));

        assertThat(matched).extracting(Segment::id).containsExactly("new");
    }

    private static List<Segment> match(List<Segment> fresh, List<Segment> stored) {
        return IdMatcher.match(fresh, stored, Segment::span, Segment::id, Segment::withId);
    }
}
