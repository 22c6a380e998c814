package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.Credential;
import org.fleettracker.console.api.Theme;
import org.jspecify.annotations.Nullable;

import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * The login dialog: user name, and a password or an access token. It shows why the broker refused the previous
 * login, when it did. The result is the {@link Login}, or none when cancelled. Use on the FX thread.
 */
public final class LoginDialog {

    /** The button that accepts the login. */
    public static final ButtonType LOG_IN = new ButtonType("Log in", ButtonBar.ButtonData.OK_DONE);

    private static final String TOKEN_NOTE = "An access token comes from POST /api/v1/tokens on the tracker. It"
            + " expires, 15 minutes after it was issued unless the tracker sets another lifetime. The broker then"
            + " closes the connection, and this dialog opens again for a new token.";

    private final Dialog<Login> dialog = new Dialog<>();
    private final TextField username = new TextField();
    private final RadioButton passwordChoice = new RadioButton("Password");
    private final RadioButton tokenChoice = new RadioButton("Access token");
    private final Label secretLabel = new Label("Password");
    private final PasswordField secret = new PasswordField();
    private final Label tokenNote = new Label(TOKEN_NOTE);
    private final Label reason = new Label();
    private final Label error = new Label();
    private boolean edited;
    private @Nullable Login validated;

    /**
     * Creates the dialog.
     *
     * @param refusal why the broker refused the previous login, or null for a first login
     */
    public LoginDialog(
            String brokerUri, String initialUsername, @Nullable String refusal, Theme theme, @Nullable Window owner) {
        dialog.setTitle("Log in");
        dialog.setHeaderText("Log in to the broker at " + brokerUri);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().getStylesheets().setAll(Themes.stylesheets(theme));
        dialog.getDialogPane().getButtonTypes().setAll(LOG_IN, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(form(refusal));
        username.setText(initialUsername);
        username.textProperty().addListener((obs, old, text) -> onEdit());
        secret.textProperty().addListener((obs, old, text) -> onEdit());
        ToggleGroup credentials = new ToggleGroup();
        passwordChoice.setToggleGroup(credentials);
        tokenChoice.setToggleGroup(credentials);
        passwordChoice.setSelected(true);
        credentials.selectedToggleProperty().addListener((obs, old, selected) -> onCredentialChange());
        dialog.getDialogPane().lookupButton(LOG_IN).addEventFilter(ActionEvent.ACTION, event -> {
            edited = true;
            if (validate() == null) {
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == LOG_IN ? validated : null);
        dialog.setOnShown(
                event -> Platform.runLater(() -> (username.getText().isBlank() ? username : secret).requestFocus()));
        onCredentialChange();
    }

    public Dialog<Login> dialog() {
        return dialog;
    }

    /** Returns the broker's reason for refusing the previous login, or an empty string. */
    public String refusalText() {
        return reason.getText();
    }

    /** Returns why the entered values cannot log in, or an empty string while they can or nothing was typed. */
    public String errorText() {
        return error.getText();
    }

    private void onEdit() {
        edited = true;
        validate();
    }

    private void onCredentialChange() {
        boolean token = tokenChoice.isSelected();
        secretLabel.setText(token ? "Access token" : "Password");
        tokenNote.setVisible(token);
        tokenNote.setManaged(token);
        validate();
        if (dialog.isShowing()) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private @Nullable Login validate() {
        Credential credential = tokenChoice.isSelected() ? Credential.ACCESS_TOKEN : Credential.PASSWORD;
        try {
            validated = new Login(username.getText(), secret.getText(), credential);
            error.setText("");
        } catch (IllegalArgumentException e) {
            validated = null;
            // A message before the first keystroke would only repeat what the empty field shows.
            error.setText(edited ? e.getMessage() : "");
        }
        dialog.getDialogPane().lookupButton(LOG_IN).setDisable(validated == null);
        return validated;
    }

    private Node form(@Nullable String refusal) {
        username.setId("login-username");
        username.setPrefColumnCount(24);
        passwordChoice.setId("login-password-choice");
        tokenChoice.setId("login-token-choice");
        secret.setId("login-secret");
        secretLabel.setLabelFor(secret);

        tokenNote.setId("login-token-note");
        tokenNote.getStyleClass().add("form-note");
        tokenNote.setWrapText(true);
        tokenNote.setMaxWidth(420);

        reason.setId("login-refusal");
        reason.getStyleClass().add("form-error");
        reason.setWrapText(true);
        reason.setMaxWidth(420);
        reason.setText(refusal == null ? "" : Character.toUpperCase(refusal.charAt(0)) + refusal.substring(1));
        reason.setVisible(refusal != null);
        reason.setManaged(refusal != null);

        error.setId("login-error");
        error.getStyleClass().add("form-error");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10, 4, 4, 4));
        grid.add(reason, 0, 0, 2, 1);
        Label usernameLabel = new Label("User name");
        usernameLabel.setLabelFor(username);
        grid.addRow(1, usernameLabel, username);
        grid.addRow(2, new Label("Log in with"), new HBox(14, passwordChoice, tokenChoice));
        grid.addRow(3, secretLabel, secret);
        grid.add(tokenNote, 0, 4, 2, 1);
        grid.add(error, 0, 5, 2, 1);
        GridPane.setHgrow(username, Priority.ALWAYS);
        GridPane.setHgrow(secret, Priority.ALWAYS);
        return grid;
    }
}
