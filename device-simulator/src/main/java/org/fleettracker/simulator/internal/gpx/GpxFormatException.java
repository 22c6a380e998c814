package org.fleettracker.simulator.internal.gpx;

import java.nio.file.Path;

/** A GPX file that cannot be replayed; the message names the file and, where known, the line. */
public final class GpxFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public GpxFormatException(Path file, int lineNumber, String problem) {
        super("GPX file " + file + " is invalid at line " + lineNumber + ": " + problem);
    }

    public GpxFormatException(Path file, String problem) {
        super("GPX file " + file + " is invalid: " + problem);
    }
}
