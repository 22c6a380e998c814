package org.fleettracker.tracker.internal.owntracks;

import java.nio.file.Path;

/** The OwnTracks mapping file cannot be read or breaks its rules; the message names the file and the fault. */
public final class InvalidOwnTracksFileException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidOwnTracksFileException(Path file, String problem, Throwable cause) {
        super("The OwnTracks mapping file " + file.toAbsolutePath() + " is invalid: " + problem, cause);
    }

    InvalidOwnTracksFileException(Path file, String problem) {
        super("The OwnTracks mapping file " + file.toAbsolutePath() + " is invalid: " + problem);
    }
}
