package org.fleettracker.console.internal.ui;

/**
 * Failure of the console itself to start after the JavaFX toolkit came up, such as a data folder in use or an
 * unreadable outbox. Its message is the cause's message, which names the reason and the fix.
 */
public final class ConsoleStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsoleStartException(RuntimeException cause) {
        super(String.valueOf(cause.getMessage()), cause);
    }
}
