package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.Theme;

import java.net.URL;
import java.util.List;

/**
 * The style sheets of each theme. Every theme starts from {@code console.css}; the dark theme adds
 * {@code console-dark.css}, which overrides JavaFX's Modena colours.
 */
public final class Themes {

    private Themes() {}

    /** Returns the style sheet URLs of {@code theme}, in the order a scene or dialog must list them. */
    public static List<String> stylesheets(Theme theme) {
        return switch (theme) {
            case LIGHT -> List.of(resource("console.css"));
            case DARK -> List.of(resource("console.css"), resource("console-dark.css"));
        };
    }

    private static String resource(String name) {
        URL css = Themes.class.getResource(name);
        if (css == null) {
            throw new IllegalStateException(name + " is missing from the class path next to " + Themes.class);
        }
        return css.toExternalForm();
    }
}
