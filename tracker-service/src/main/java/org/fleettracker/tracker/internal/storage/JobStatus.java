package org.fleettracker.tracker.internal.storage;

import java.util.Locale;
import java.util.Optional;

/** Lifecycle of a dispatch job; {@link #code()} is the value in the database and the HTTP API. */
public enum JobStatus {
    /** Stored and sent to the vehicle as an {@code assign-job} command. */
    ASSIGNED,
    /** The vehicle accepted the {@code assign-job} command. */
    ACCEPTED,
    /** The vehicle arrived at its first stop. */
    IN_PROGRESS,
    /** The vehicle departed from the last stop. */
    COMPLETED,
    /** A dispatcher cancelled the job. */
    CANCELLED,
    /** The vehicle rejected the {@code assign-job} command, or it expired. */
    REJECTED;

    /** Returns the lower-case, hyphenated code, such as {@code in-progress}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns whether the vehicle is still expected to work on a job in this status. */
    public boolean active() {
        return this == ASSIGNED || this == ACCEPTED || this == IN_PROGRESS;
    }

    /** Finds the status with code {@code code}. */
    public static Optional<JobStatus> fromCode(String code) {
        for (JobStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
