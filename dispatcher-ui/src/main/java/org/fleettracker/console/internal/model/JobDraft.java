package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The stops of a job that the dispatcher is putting together, in the order of the visit.
 *
 * <p>{@link #build} checks every stop and returns either the {@link JobStop}s or one message per problem, so the
 * view can show all of them at once. Not thread safe: used on the FX thread.
 */
public final class JobDraft {

    private final double defaultRadiusM;
    private final List<DraftStop> stops = new ArrayList<>();
    private int addedCount;

    /** Creates an empty draft whose new stops get {@code defaultRadiusM}. */
    public JobDraft(double defaultRadiusM) {
        this.defaultRadiusM = defaultRadiusM;
    }

    /**
     * Appends a stop at {@code location}, named {@code Stop N}. The first stop of a draft is a pickup and later
     * ones are drop-offs, the usual shape of a delivery round.
     */
    public DraftStop add(GeoPoint location) {
        addedCount++;
        JobStopKind kind = stops.isEmpty() ? JobStopKind.PICKUP : JobStopKind.DROP_OFF;
        DraftStop stop = new DraftStop(location, "Stop " + addedCount, kind, formatRadius(defaultRadiusM));
        stops.add(stop);
        return stop;
    }

    public void remove(int index) {
        stops.remove(index);
    }

    /** Moves the stop at {@code index} by {@code offset} places and returns true, or returns false past either end. */
    public boolean move(int index, int offset) {
        int target = index + offset;
        if (index < 0 || index >= stops.size() || target < 0 || target >= stops.size()) {
            return false;
        }
        Collections.swap(stops, index, target);
        return true;
    }

    /** Removes every stop and restarts the numbering of default names. */
    public void clear() {
        stops.clear();
        addedCount = 0;
    }

    public List<DraftStop> stops() {
        return Collections.unmodifiableList(stops);
    }

    public boolean isEmpty() {
        return stops.isEmpty();
    }

    /**
     * Checks every stop and converts the draft, reading typed times as local times in {@code zone} on {@code today}
     * when they give no date. Stop ids are {@code s1}, {@code s2} and so on, in the order of the visit.
     */
    public Result build(LocalDate today, ZoneId zone) {
        List<String> errors = new ArrayList<>();
        if (stops.isEmpty()) {
            errors.add("Add at least one stop: switch on Add stops and click the map.");
        }
        if (stops.size() > Job.MAX_STOPS) {
            errors.add("A job has at most " + Job.MAX_STOPS + " stops; remove " + (stops.size() - Job.MAX_STOPS) + ".");
        }
        List<JobStop> built = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            JobStop stop = buildStop(i, stops.get(i), today, zone, errors);
            if (stop != null) {
                built.add(stop);
            }
        }
        return errors.isEmpty() ? new Result(built, List.of()) : new Result(List.of(), errors);
    }

    private static @Nullable JobStop buildStop(
            int index, DraftStop stop, LocalDate today, ZoneId zone, List<String> errors) {
        String prefix = "Stop " + (index + 1) + ": ";
        int before = errors.size();
        String name = stop.name().strip();
        if (name.codePointCount(0, name.length()) > JobStop.MAX_NAME_CHARS) {
            errors.add(prefix + "the name is longer than " + JobStop.MAX_NAME_CHARS + " characters.");
        }
        double radiusM = parseRadius(stop.radiusText(), prefix, errors);
        Instant windowStart = parseTime(stop.windowStartText(), "window start", prefix, today, zone, errors);
        Instant windowEnd = parseTime(stop.windowEndText(), "window end", prefix, today, zone, errors);
        if (windowStart != null && windowEnd != null && !windowEnd.isAfter(windowStart)) {
            errors.add(prefix + "the window end " + stop.windowEndText().strip() + " is not after its start "
                    + stop.windowStartText().strip() + ".");
        }
        if (errors.size() > before) {
            return null;
        }
        GeoPoint at = stop.location();
        return new JobStop(
                "s" + (index + 1),
                stop.kind(),
                name,
                at.latitudeDeg(),
                at.longitudeDeg(),
                radiusM,
                windowStart,
                windowEnd);
    }

    private static double parseRadius(String text, String prefix, List<String> errors) {
        String trimmed = text.strip();
        double radiusM;
        try {
            radiusM = Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            errors.add(prefix + "the radius '" + trimmed + "' is not a number of metres.");
            return Double.NaN;
        }
        if (!(radiusM >= JobStop.MIN_RADIUS_M && radiusM <= JobStop.MAX_RADIUS_M)) {
            errors.add(prefix + "the radius " + trimmed + " m is outside " + formatRadius(JobStop.MIN_RADIUS_M) + " to "
                    + formatRadius(JobStop.MAX_RADIUS_M) + " m.");
        }
        return radiusM;
    }

    private static @Nullable Instant parseTime(
            String text, String field, String prefix, LocalDate today, ZoneId zone, List<String> errors) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return ScreenTimes.parse(text, today, zone);
        } catch (IllegalArgumentException e) {
            errors.add(prefix + "the " + field + " " + e.getMessage() + ".");
            return null;
        }
    }

    private static String formatRadius(double radiusM) {
        return String.format(Locale.ROOT, "%.0f", radiusM);
    }

    /**
     * The outcome of {@link #build}: the stops when every check passed, otherwise no stops and the problems.
     *
     * @param errors one sentence per problem, naming the stop by its place in the visit
     */
    public record Result(List<JobStop> stops, List<String> errors) {

        public Result {
            stops = List.copyOf(stops);
            errors = List.copyOf(errors);
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }
}
