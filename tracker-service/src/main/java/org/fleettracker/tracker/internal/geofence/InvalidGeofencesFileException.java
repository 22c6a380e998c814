package org.fleettracker.tracker.internal.geofence;

import java.nio.file.Path;

/** A geofences file that cannot be read or breaks its rules. The message names the file, the feature and the fault. */
public final class InvalidGeofencesFileException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidGeofencesFileException(Path file, String problem, Throwable cause) {
        super("The geofences file " + file.toAbsolutePath() + " is invalid: " + problem, cause);
    }
}
