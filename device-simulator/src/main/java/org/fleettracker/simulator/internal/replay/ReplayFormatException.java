package org.fleettracker.simulator.internal.replay;

import java.nio.file.Path;

/** A replay file that cannot be replayed at all; the message names the file and the problem. */
public final class ReplayFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ReplayFormatException(Path file, String format, String problem) {
        super(format + " file " + file + " is invalid: " + problem);
    }
}
