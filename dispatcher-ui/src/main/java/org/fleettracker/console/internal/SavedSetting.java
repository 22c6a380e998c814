package org.fleettracker.console.internal;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of {@link ConsoleSettings} that the console saves in {@code console.properties}, with its property key
 * and the command-line option that takes precedence over the saved value. Passwords and tokens are never saved.
 */
public enum SavedSetting {
    BROKER_URL("broker.url", "--broker-url"),
    API_URL("api.url", "--api-url"),
    FLEET("fleet", "--fleet"),
    USERNAME("username", "--username"),
    TILE_URL("tile.url", "--tile-url"),
    SESSION_EXPIRY("session.expiry.seconds", "--session-expiry"),
    THEME("theme", "--theme");

    /** Property text of an optional URL that is not set, as the {@code --tile-url} option also accepts it. */
    public static final String NONE = "none";

    private final String key;
    private final String option;

    SavedSetting(String key, String option) {
        this.key = key;
        this.option = option;
    }

    /** Returns the key in {@code console.properties}. */
    public String key() {
        return key;
    }

    /** Returns the long name of the command-line option that sets the same value. */
    public String option() {
        return option;
    }

    /** Returns the setting saved under {@code key}, or empty for an unknown key. */
    public static Optional<SavedSetting> forKey(String key) {
        for (SavedSetting setting : values()) {
            if (setting.key.equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** Returns this value of {@code settings} as property text. */
    public String format(ConsoleSettings settings) {
        return switch (this) {
            case BROKER_URL -> settings.brokerUri();
            case API_URL -> orNone(Objects.toString(settings.apiUrl(), null));
            case FLEET -> settings.fleetIdsText();
            case USERNAME -> settings.username();
            case TILE_URL -> orNone(settings.tileUrl());
            case SESSION_EXPIRY -> Long.toString(settings.sessionExpiry().toSeconds());
            case THEME -> settings.theme().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Returns {@code settings} with this value parsed from property text.
     *
     * @throws IllegalArgumentException when the text is not a valid value, with the rule it breaks
     */
    public ConsoleSettings apply(ConsoleSettings settings, String text) {
        String value = text.strip();
        return switch (this) {
            case BROKER_URL -> settings.withBrokerUri(value);
            case API_URL ->
                settings.withApiUrl(NONE.equalsIgnoreCase(value) || value.isEmpty() ? null : parseUri(value));
            case FLEET -> settings.withFleetIds(ConsoleSettings.parseFleetIds(value));
            case USERNAME -> settings.withLogin(value, settings.password());
            case TILE_URL -> settings.withTileUrl(NONE.equalsIgnoreCase(value) || value.isEmpty() ? null : value);
            case SESSION_EXPIRY -> settings.withSessionExpiry(Duration.ofSeconds(parseSeconds(value)));
            case THEME -> settings.withTheme(parseTheme(value));
        };
    }

    private static String orNone(@Nullable String value) {
        return value == null ? NONE : value;
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("API URL '" + text + "' is not a URI: " + e.getReason(), e);
        }
    }

    private static long parseSeconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "session expiry must be a whole number of seconds, got '" + text + "'", e);
        }
    }

    private static Theme parseTheme(String text) {
        for (Theme theme : Theme.values()) {
            if (theme.name().equalsIgnoreCase(text)) {
                return theme;
            }
        }
        throw new IllegalArgumentException("theme '" + text + "' is unknown: use light or dark");
    }
}
