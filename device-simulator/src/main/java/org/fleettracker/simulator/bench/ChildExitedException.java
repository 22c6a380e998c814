package org.fleettracker.simulator.bench;

import java.nio.file.Path;

/** Thrown when a child process of the benchmark exited while the benchmark still needed it. */
final class ChildExitedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ChildExitedException(String name, long pid, int exitStatus, Path logFile) {
        super("The " + name + " (pid " + pid + ") exited with status " + exitStatus + "; its log is " + logFile);
    }
}
