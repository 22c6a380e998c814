package org.fleettracker.tracker.internal.owntracks;

import java.nio.file.Path;

/** An OwnTracks mapping file that cannot be read or breaks its rules. The message names the file and the fault. */
public final class InvalidOwnTracksFileException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidOwnTracksFileException(Path file, String problem, Throwable cause) {
        super("The OwnTracks mapping file " + file.toAbsolutePath() + " is invalid: " + problem, cause);
    }

    InvalidOwnTracksFileException(Path file, String problem) {
        super("The OwnTracks mapping file " + file.toAbsolutePath() + " is invalid: " + problem);
    }
}
