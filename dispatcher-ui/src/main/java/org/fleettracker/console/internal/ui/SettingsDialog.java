package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Settings dialog: broker URL, tracker API URL, fleet, tile URL, session expiry and theme. Every edit is
 * checked with the rules of {@link ConsoleSettings}; the first broken rule shows under the fields and disables
 * Apply. The result is the new settings, or none when cancelled. Use on the FX thread.
 */
public final class SettingsDialog {

    /** The Apply button. */
    public static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);

    private final ConsoleSettings current;
    private final Dialog<ConsoleSettings> dialog = new Dialog<>();
    private final TextField brokerUri = field("settings-broker-url", "tcp://127.0.0.1:1883");
    private final TextField apiUrl = field("settings-api-url", "none: the password goes to the broker");
    private final TextField fleetIds = field("settings-fleet", "demo, or several: north,south");
    private final TextField tileUrl = field("settings-tile-url", "none: a plain background with a grid");
    private final TextField sessionExpiry = field("settings-session-expiry", "3600");
    private final ComboBox<Theme> theme = new ComboBox<>(FXCollections.observableArrayList(Theme.values()));
    private final Label error = new Label();
    private @Nullable ConsoleSettings validated;

    public SettingsDialog(ConsoleSettings current, @Nullable Window owner) {
        this.current = current;
        dialog.setTitle("Console settings");
        dialog.setHeaderText("Applying reconnects the console with these settings and saves them for the next start.");
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().getStylesheets().setAll(Themes.stylesheets(current.theme()));
        dialog.getDialogPane().getButtonTypes().setAll(APPLY, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(form());
        fill(SettingsForm.of(current));
        for (TextField field : new TextField[] {brokerUri, apiUrl, fleetIds, tileUrl, sessionExpiry}) {
            field.textProperty().addListener((obs, old, text) -> validate());
        }
        theme.valueProperty().addListener((obs, old, value) -> validate());
        // Apply stays disabled while a value is invalid; the filter also covers Enter in a text field.
        dialog.getDialogPane().lookupButton(APPLY).addEventFilter(ActionEvent.ACTION, event -> {
            if (validate() == null) {
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == APPLY ? validated : null);
        validate();
    }

    public Dialog<ConsoleSettings> dialog() {
        return dialog;
    }

    /** Returns the message of the first invalid value, or an empty string when every value is valid. */
    public String errorText() {
        return error.getText();
    }

    /** Replaces the fields' text with {@code form}, as typing would. */
    public void fill(SettingsForm form) {
        brokerUri.setText(form.brokerUri());
        apiUrl.setText(form.apiUrl());
        fleetIds.setText(form.fleetIds());
        tileUrl.setText(form.tileUrl());
        sessionExpiry.setText(form.sessionExpirySeconds());
        theme.setValue(form.theme());
    }

    private @Nullable ConsoleSettings validate() {
        SettingsForm form = new SettingsForm(
                brokerUri.getText(),
                apiUrl.getText(),
                fleetIds.getText(),
                tileUrl.getText(),
                sessionExpiry.getText(),
                theme.getValue() == null ? current.theme() : theme.getValue());
        try {
            validated = form.applyTo(current);
            error.setText("");
        } catch (IllegalArgumentException e) {
            validated = null;
            error.setText(e.getMessage());
        }
        dialog.getDialogPane().lookupButton(APPLY).setDisable(validated == null);
        return validated;
    }

    private Node form() {
        theme.setId("settings-theme");
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(@Nullable Theme value) {
                return value == null
                        ? ""
                        : value.name().charAt(0) + value.name().substring(1).toLowerCase(Locale.ROOT);
            }

            @Override
            public Theme fromString(String text) {
                return Theme.valueOf(text.toUpperCase(Locale.ROOT));
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10, 4, 4, 4));
        addRow(grid, 0, "Broker URL", brokerUri);
        addRow(grid, 1, "Tracker API URL", apiUrl);
        addRow(grid, 2, "Fleets", fleetIds);
        addRow(grid, 3, "Tile URL", tileUrl);
        addRow(grid, 4, "Session expiry (s)", sessionExpiry);
        addRow(grid, 5, "Theme", theme);
        error.setId("settings-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(520);
        grid.add(error, 0, 6, 2, 1);
        return grid;
    }

    private static void addRow(GridPane grid, int row, String text, Node input) {
        Label label = new Label(text);
        label.setLabelFor(input);
        grid.add(label, 0, row);
        grid.add(input, 1, row);
        GridPane.setHgrow(input, Priority.ALWAYS);
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(34);
        return field;
    }
}
