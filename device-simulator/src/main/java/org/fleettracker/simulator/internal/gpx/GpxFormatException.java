package org.fleettracker.simulator.internal.gpx;

import java.nio.file.Path;

/** A replay file that cannot be replayed; the message names the format, the file and, where known, the line. */
public final class GpxFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public GpxFormatException(Path file, int lineNumber, String problem) {
        this(GpxTrack.GPX_FORMAT, file, lineNumber, problem);
    }

    /** Names a file of another {@code format}, such as {@code CSV}, whose points break a rule of the replay. */
    public GpxFormatException(String format, Path file, int lineNumber, String problem) {
        super(format + " file " + file + " is invalid at line " + lineNumber + ": " + problem);
    }

    public GpxFormatException(Path file, String problem) {
        super("GPX file " + file + " is invalid: " + problem);
    }
}
