package org.fleettracker.broker.internal.users;

import java.nio.file.Path;

/** The users file is missing, unreadable or breaks a rule; the message names the file and the rule. */
public final class InvalidUsersFileException extends Exception {

    public InvalidUsersFileException(Path file, String problem) {
        super("Users file " + file + " is invalid: " + problem);
    }

    public InvalidUsersFileException(Path file, String problem, Throwable cause) {
        super("Users file " + file + " is invalid: " + problem, cause);
    }
}
