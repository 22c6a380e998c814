package org.fleettracker.broker.internal;

/** Terminal output of the extension's command-line tools; the only class of this module that prints. */
public final class ConsoleOutput {

    private ConsoleOutput() {}

    /** Prints one line to standard output. */
    public static void line(String text) {
        System.out.println(text);
    }

    /** Prints one line to standard error. */
    public static void error(String text) {
        System.err.println(text);
    }
}
