package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.Theme;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The console's menu bar: Console (Settings…, Log out, Quit) and View (Theme). */
final class ConsoleMenu {

    private final MenuBar bar = new MenuBar();
    private final Map<Theme, RadioMenuItem> themeItems = new EnumMap<>(Theme.class);

    ConsoleMenu(Theme theme, Runnable showSettings, Runnable logOut, Consumer<Theme> applyTheme, Runnable quit) {
        MenuItem settings = item("Settings…", "menu-settings", showSettings);
        settings.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        MenuItem logOutItem = item("Log out", "menu-log-out", logOut);
        MenuItem quitItem = item("Quit", "menu-quit", quit);
        quitItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        Menu console = new Menu("Console", null, settings, logOutItem, new SeparatorMenuItem(), quitItem);
        Menu themes = new Menu("Theme");
        ToggleGroup group = new ToggleGroup();
        for (Theme each : Theme.values()) {
            String name = each.name().toLowerCase(Locale.ROOT);
            RadioMenuItem themeItem = new RadioMenuItem(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            themeItem.setId("menu-theme-" + name);
            themeItem.setToggleGroup(group);
            themeItem.setOnAction(event -> applyTheme.accept(each));
            themeItems.put(each, themeItem);
            themes.getItems().add(themeItem);
        }
        select(theme);
        bar.getMenus().addAll(console, new Menu("View", null, themes));
    }

    MenuBar node() {
        return bar;
    }

    /** Marks {@code theme} as the current one without applying it. */
    void select(Theme theme) {
        themeItems.get(theme).setSelected(true);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> action.run());
        return item;
    }
}
