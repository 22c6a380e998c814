package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.SavedSetting;

import java.util.List;
import java.util.Objects;

/**
 * The text of the settings dialog's fields. An empty API URL or tile URL means none.
 *
 * @param fleetIds one or more fleet ids separated by commas
 * @param sessionExpirySeconds whole seconds, as typed
 */
public record SettingsForm(
        String brokerUri, String apiUrl, String fleetIds, String tileUrl, String sessionExpirySeconds, Theme theme) {

    /** The settings that the dialog shows and saves when applied. */
    public static final List<SavedSetting> SAVED = List.of(
            SavedSetting.BROKER_URL,
            SavedSetting.API_URL,
            SavedSetting.FLEET,
            SavedSetting.TILE_URL,
            SavedSetting.SESSION_EXPIRY,
            SavedSetting.THEME);

    /** Returns the form filled in from {@code settings}. */
    public static SettingsForm of(ConsoleSettings settings) {
        return new SettingsForm(
                settings.brokerUri(),
                Objects.toString(settings.apiUrl(), ""),
                settings.fleetIdsText(),
                Objects.toString(settings.tileUrl(), ""),
                Long.toString(settings.sessionExpiry().toSeconds()),
                settings.theme());
    }

    /**
     * Returns {@code base} with the form's values, checked by the rules of {@link ConsoleSettings}.
     *
     * @throws IllegalArgumentException with the message of the first invalid value
     */
    public ConsoleSettings applyTo(ConsoleSettings base) {
        ConsoleSettings settings = SavedSetting.BROKER_URL.apply(base, brokerUri);
        settings = SavedSetting.API_URL.apply(settings, apiUrl);
        settings = SavedSetting.FLEET.apply(settings, fleetIds);
        settings = SavedSetting.TILE_URL.apply(settings, tileUrl);
        settings = SavedSetting.SESSION_EXPIRY.apply(settings, sessionExpirySeconds);
        return settings.withTheme(theme);
    }
}
