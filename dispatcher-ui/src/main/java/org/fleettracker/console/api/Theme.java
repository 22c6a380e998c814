package org.fleettracker.console.api;

/** The colours of the console window. */
public enum Theme {
    LIGHT,
    DARK
}
