package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobDraftTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void clicks_become_numbered_stops() {
        JobDraft draft = new JobDraft(100);

        draft.add(new GeoPoint(48.1, 11.5));
        draft.add(new GeoPoint(48.2, 11.6));
        JobDraft.Result result = draft.build(TODAY, ZoneOffset.UTC);

        assertThat(result.errors()).isEmpty();
        assertThat(result.stops()).extracting(JobStop::stopId).containsExactly("s1", "s2");
        assertThat(result.stops()).extracting(JobStop::name).containsExactly("Stop 1", "Stop 2");
        assertThat(result.stops()).extracting(JobStop::kind).containsExactly(JobStopKind.PICKUP, JobStopKind.DROP_OFF);
        assertThat(result.stops()).extracting(JobStop::radiusM).containsExactly(100.0, 100.0);
        assertThat(result.stops().get(1).latitudeDeg()).isEqualTo(48.2);
    }

    @Test
    void empty_draft_is_invalid() {
        JobDraft.Result result = new JobDraft(100).build(TODAY, ZoneOffset.UTC);

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("Add at least one stop");
    }

    @Test
    void radius_outside_limits_is_invalid() {
        JobDraft draft = new JobDraft(100);
        draft.add(new GeoPoint(48.1, 11.5)).setRadiusText("4");
        draft.add(new GeoPoint(48.2, 11.6)).setRadiusText("10001");
        draft.add(new GeoPoint(48.3, 11.7)).setRadiusText("wide");

        JobDraft.Result result = draft.build(TODAY, ZoneOffset.UTC);

        assertThat(result.stops()).isEmpty();
        assertThat(result.errors())
                .containsExactly(
                        "Stop 1: the radius 4 m is outside 5 to 10000 m.",
                        "Stop 2: the radius 10001 m is outside 5 to 10000 m.",
                        "Stop 3: the radius 'wide' is not a number of metres.");
    }

    @Test
    void window_end_before_start_is_invalid() {
        JobDraft draft = new JobDraft(100);
        DraftStop stop = draft.add(new GeoPoint(48.1, 11.5));
        stop.setWindowStartText("10:00");
        stop.setWindowEndText("09:00");

        JobDraft.Result result = draft.build(TODAY, ZoneOffset.UTC);

        assertThat(result.errors()).containsExactly("Stop 1: the window end 09:00 is not after its start 10:00.");
    }

    @Test
    void invalid_window_time_names_formats() {
        JobDraft draft = new JobDraft(100);
        draft.add(new GeoPoint(48.1, 11.5)).setWindowStartText("soon");

        JobDraft.Result result = draft.build(TODAY, ZoneOffset.UTC);

        assertThat(result.errors())
                .singleElement()
                .asString()
                .startsWith("Stop 1: the window start time 'soon' is invalid")
                .contains(ScreenTimes.FORMATS);
    }

    @Test
    void window_is_read_as_local_time() {
        JobDraft draft = new JobDraft(100);
        DraftStop stop = draft.add(new GeoPoint(48.1, 11.5));
        stop.setWindowStartText("09:00");
        stop.setWindowEndText("2026-03-02 10:30");

        JobStop built = draft.build(TODAY, ZoneOffset.ofHours(1)).stops().get(0);

        assertThat(built.windowStart()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(built.windowEnd()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
    }

    @Test
    void name_longer_than_limit_is_invalid() {
        JobDraft draft = new JobDraft(100);
        draft.add(new GeoPoint(48.1, 11.5)).setName("x".repeat(JobStop.MAX_NAME_CHARS + 1));

        JobDraft.Result result = draft.build(TODAY, ZoneOffset.UTC);

        assertThat(result.errors()).containsExactly("Stop 1: the name is longer than 100 characters.");
    }

    @Test
    void move_and_remove_change_visit_order() {
        JobDraft draft = new JobDraft(100);
        draft.add(new GeoPoint(48.1, 11.5));
        draft.add(new GeoPoint(48.2, 11.6));
        draft.add(new GeoPoint(48.3, 11.7));

        boolean moved = draft.move(2, -1);
        boolean movedPastStart = draft.move(0, -1);
        draft.remove(0);

        assertThat(moved).isTrue();
        assertThat(movedPastStart).isFalse();
        assertThat(draft.stops()).extracting(DraftStop::name).containsExactly("Stop 3", "Stop 2");
        assertThat(draft.build(TODAY, ZoneOffset.UTC).stops())
                .extracting(JobStop::stopId)
                .containsExactly("s1", "s2");
    }

    @Test
    void clear_restarts_default_names() {
        JobDraft draft = new JobDraft(100);
        draft.add(new GeoPoint(48.1, 11.5));
        draft.add(new GeoPoint(48.2, 11.6));

        draft.clear();
        DraftStop first = draft.add(new GeoPoint(48.3, 11.7));

        assertThat(draft.stops()).hasSize(1);
        assertThat(first.name()).isEqualTo("Stop 1");
        assertThat(List.of(first.kind())).containsExactly(JobStopKind.PICKUP);
    }
}
