package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.JobStopKind;

import java.util.Objects;

/**
 * One stop of a {@link JobDraft} as the dispatcher edits it. Radius and time window are kept as typed, so that the
 * draft can name what is wrong with them; {@link JobDraft#build} checks and converts them.
 */
public final class DraftStop {

    private final GeoPoint location;
    private String name;
    private JobStopKind kind;
    private String radiusText;
    private String windowStartText = "";
    private String windowEndText = "";

    DraftStop(GeoPoint location, String name, JobStopKind kind, String radiusText) {
        this.location = location;
        this.name = name;
        this.kind = kind;
        this.radiusText = radiusText;
    }

    public GeoPoint location() {
        return location;
    }

    public String name() {
        return name;
    }

    public void setName(String newName) {
        name = Objects.requireNonNull(newName, "name");
    }

    public JobStopKind kind() {
        return kind;
    }

    public void setKind(JobStopKind newKind) {
        kind = Objects.requireNonNull(newKind, "kind");
    }

    /** Returns the radius as typed, in metres. */
    public String radiusText() {
        return radiusText;
    }

    public void setRadiusText(String newRadiusText) {
        radiusText = Objects.requireNonNull(newRadiusText, "radius");
    }

    /** Returns the start of the time window as typed in local time, or an empty text when there is none. */
    public String windowStartText() {
        return windowStartText;
    }

    public void setWindowStartText(String text) {
        windowStartText = Objects.requireNonNull(text, "window start");
    }

    /** Returns the end of the time window as typed in local time, or an empty text when there is none. */
    public String windowEndText() {
        return windowEndText;
    }

    public void setWindowEndText(String text) {
        windowEndText = Objects.requireNonNull(text, "window end");
    }
}
