package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Credential;
import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.SavedSetting;
import org.fleettracker.console.internal.SettingsStore;
import org.fleettracker.console.internal.metrics.ConsoleMeters;
import org.fleettracker.console.internal.model.FleetModel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The content of the console's stage: the menu bar above a {@link ConsoleView}, and the flows behind the menu.
 * Settings… and a login replace the view with a new one connected with the new settings; View > Theme restyles
 * the window and its dialogs in place. A refused login opens the login dialog with the broker's reason.
 *
 * <p>Create and use on the FX thread.
 */
public final class ConsoleShell {

    private static final Logger log = LoggerFactory.getLogger(ConsoleShell.class);

    /** Start of the hint that FleetConnection appends to a refusal; it names command-line options. */
    // TODO: drop this cut once FleetConnection words its refusals for the login dialog instead of the command line.
    private static final String COMMAND_LINE_HINT = "; check --username";

    private final Stage stage;
    private final Clock clock;
    private final ConsoleMeters meters;
    private final SettingsStore store;
    private final BorderPane frame = new BorderPane();
    private final ConsoleMenu menu;
    private ConsoleSettings settings;
    private Credential credential;
    private ConsoleView view;
    private @Nullable Dialog<?> openDialog;
    private @Nullable String pendingRefusal;
    private boolean stopped;

    public ConsoleShell(Stage stage, ConsoleSettings settings, Credential credential, Clock clock) {
        this(stage, settings, credential, clock, ConsoleMeters.unexported());
    }

    /** Creates the shell whose views report to {@code meters}, which outlive them. */
    public ConsoleShell(
            Stage stage, ConsoleSettings settings, Credential credential, Clock clock, ConsoleMeters meters) {
        this.stage = stage;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
        this.credential = credential;
        this.store = new SettingsStore(settings.dataDir());
        this.menu = new ConsoleMenu(settings.theme(), this::showSettings, this::logOut, this::applyTheme, stage::close);
        frame.setTop(menu.node());
        frame.sceneProperty().addListener((obs, old, scene) -> styleScene(scene));
        this.view = newView();
        frame.setCenter(view.root());
    }

    public Parent root() {
        return frame;
    }

    /** Returns the current view; a login or applied settings replace it. */
    public ConsoleView view() {
        return view;
    }

    /** Returns the settings the current view runs with. */
    public ConsoleSettings settings() {
        return settings;
    }

    /** Returns the dialog the console shows, or null when none is open. */
    public @Nullable Dialog<?> openDialog() {
        return openDialog;
    }

    /** Returns the window title for the current settings. */
    public String title() {
        List<String> fleets = settings.fleetIds();
        String shown = fleets.size() == 1 ? "fleet " + fleets.get(0) : "fleets " + String.join(", ", fleets);
        return "Fleet console: " + shown + " on " + settings.brokerUri();
    }

    public void start() {
        view.start();
    }

    /** Closes any open dialog and the connection. */
    public void stop() {
        stopped = true;
        if (openDialog != null) {
            openDialog.close();
        }
        view.stop();
    }

    /** Replaces the view with one connected with {@code newSettings}, logging in with {@code newCredential}. */
    public void reconnect(ConsoleSettings newSettings, Credential newCredential) {
        view.stop();
        // The same fleets seen by the same user keep their vehicles and trails; anything else starts empty.
        boolean sameFleet = newSettings.brokerUri().equals(settings.brokerUri())
                && Set.copyOf(newSettings.fleetIds()).equals(Set.copyOf(settings.fleetIds()))
                && newSettings.username().equals(settings.username());
        FleetModel kept = sameFleet ? view.model() : new FleetModel(ConsoleConfig.TRAIL_LENGTH);
        settings = newSettings;
        credential = newCredential;
        log.info("Console reconnects: {} with {}", newSettings, newCredential);
        try {
            view = newView(kept);
        } catch (RuntimeException e) {
            // The stopped view stays in place, so the status bar shows the connection as closed.
            log.error("Console cannot connect with {}: {}", newSettings, e.getMessage(), e);
            showError("Cannot connect: " + e.getMessage());
            return;
        }
        frame.setCenter(view.root());
        styleScene(frame.getScene());
        stage.setTitle(title());
        view.start();
    }

    /** Restyles the window and its dialogs with {@code theme} and saves the choice for the next start. */
    public void applyTheme(Theme theme) {
        if (theme != settings.theme()) {
            restyle(theme);
            save(List.of(SavedSetting.THEME));
        }
    }

    /** Opens the Settings dialog; Apply saves the settings and reconnects with them. */
    public void showSettings() {
        if (openDialog != null) {
            return;
        }
        SettingsDialog dialog = new SettingsDialog(settings, stage);
        show(dialog.dialog(), this::applySettings, () -> {});
    }

    /** Disconnects and opens the login dialog; cancelling it closes the console. */
    public void logOut() {
        if (openDialog != null) {
            return;
        }
        log.info("Dispatcher {} logged out of {}", settings.username(), settings.brokerUri());
        view.stop();
        Label placeholder = new Label("Logged out of " + settings.brokerUri());
        placeholder.getStyleClass().add("logged-out");
        frame.setCenter(placeholder);
        askLogin(null, stage::close);
    }

    private void applySettings(ConsoleSettings applied) {
        boolean themeOnly = applied.withTheme(settings.theme()).equals(settings);
        if (themeOnly) {
            restyle(applied.theme());
        } else {
            menu.select(applied.theme());
            reconnect(applied, credential);
        }
        save(SettingsForm.SAVED);
    }

    private void restyle(Theme theme) {
        menu.select(theme);
        settings = settings.withTheme(theme);
        styleScene(frame.getScene());
        view.setTheme(theme);
        if (openDialog != null) {
            openDialog.getDialogPane().getStylesheets().setAll(Themes.stylesheets(theme));
        }
        log.info("Console theme set to {}", theme);
    }

    private void onRefused(String detail) {
        if (stopped) {
            return;
        }
        if (openDialog != null) {
            pendingRefusal = detail;
            return;
        }
        int hint = detail.indexOf(COMMAND_LINE_HINT);
        askLogin(hint < 0 ? detail : detail.substring(0, hint), () -> {});
    }

    private void askLogin(@Nullable String refusal, Runnable onCancel) {
        LoginDialog dialog =
                new LoginDialog(settings.brokerUri(), settings.username(), refusal, settings.theme(), stage);
        show(
                dialog.dialog(),
                login -> {
                    reconnect(login.applyTo(settings), login.credential());
                    save(List.of(SavedSetting.USERNAME));
                },
                onCancel);
    }

    /**
     * Shows {@code dialog} without blocking, then passes its result to {@code onResult}, or runs {@code onCancel}
     * when it was cancelled or closed.
     */
    private <T> void show(Dialog<T> dialog, Consumer<T> onResult, Runnable onCancel) {
        openDialog = dialog;
        dialog.setOnHidden(event -> {
            openDialog = null;
            if (stopped) {
                return;
            }
            T result = dialog.getResult();
            if (result != null) {
                onResult.accept(result);
            } else {
                onCancel.run();
            }
            showPendingRefusal();
        });
        dialog.show();
    }

    private void showPendingRefusal() {
        String refusal = pendingRefusal;
        pendingRefusal = null;
        if (refusal != null && openDialog == null && view.connectionState() == ConnectionState.REFUSED) {
            onRefused(refusal);
        }
    }

    private ConsoleView newView() {
        return newView(new FleetModel(ConsoleConfig.TRAIL_LENGTH));
    }

    private ConsoleView newView(FleetModel model) {
        // TODO: a new tile URL still reconnects, because MapView builds its tile layer only when it is created.
        ConsoleView created = new ConsoleView(settings, clock, credential, model, meters);
        created.setOnRefused(this::onRefused);
        return created;
    }

    private void styleScene(@Nullable Scene scene) {
        if (scene != null) {
            scene.getStylesheets().setAll(Themes.stylesheets(settings.theme()));
        }
    }

    /** Saves {@code keys} of the current settings; a failure is shown, and the settings still apply until exit. */
    private void save(Collection<SavedSetting> keys) {
        try {
            store.save(settings, keys);
        } catch (IOException e) {
            log.warn("Cannot save the console settings to {}: {}", store.file(), e.getMessage());
            log.debug("Settings save failure", e);
            showError("Cannot save the settings to " + store.file() + ": " + e.getMessage()
                    + ". They apply until the console closes.");
        }
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.WARNING, message);
        alert.initOwner(stage);
        alert.getDialogPane().getStylesheets().setAll(Themes.stylesheets(settings.theme()));
        alert.show();
    }
}
