package org.fleettracker.console.api;

import org.awaitility.core.ConditionTimeoutException;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.console.internal.SettingsStore;
import org.fleettracker.console.internal.ui.ConsoleViewDriver;
import org.fleettracker.console.internal.ui.LoginDialog;
import org.fleettracker.console.internal.ui.Screenshots;
import org.fleettracker.console.internal.ui.SettingsDialog;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.console.testing.PasswordCheckingExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Login, Settings… and View > Theme in a real window against an in-process broker that checks passwords. Needs a
 * display, like {@link ConsoleWindowIT}; screenshots land in {@code target/screenshots}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleSessionIT {

    private static final int VEHICLES = 10;
    private static final String PASSWORD = "dispatcher-demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    @TempDir
    Path brokerDir;

    @TempDir
    Path dataDir;

    private @Nullable EmbeddedBroker broker;
    private @Nullable ConsoleWindow window;

    @BeforeEach
    void startToolkitAndBroker() throws Exception {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(brokerDir)
                .extension(new PasswordCheckingExtension())
                .build()
                .start(START_TIMEOUT);
        try (DemoFleet fleet =
                new DemoFleet(broker.serverUri(), VEHICLES, Instant.now().minusSeconds(60))) {
            for (int step = 0; step < 8; step++) {
                fleet.publishStep(step);
            }
        }
    }

    @AfterEach
    void closeWindowAndBroker() throws Exception {
        if (window != null) {
            ConsoleWindow opened = window;
            FxThread.run(opened::close);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void refused_login_asks_again_with_reason() throws Exception {
        ConsoleWindow opened = open(settings("wrong-password"));

        Dialog<?> dialog = awaitDialog(opened);
        String refusal = FxThread.call(() -> label(dialog, "#login-refusal").getText());
        assertThat(refusal).isEqualTo("Login of user dispatcher refused: bad user name or password (reason code 0x86)");
        assertThat(refusal).doesNotContain("--password");
        screenshot(dialog, "login-dialog.png");
        FxThread.run(() -> {
            field(dialog, "#login-secret").setText(PASSWORD);
            button(dialog, LoginDialog.LOG_IN).fire();
        });

        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.connectionState() == ConnectionState.CONNECTED));
        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES));
        assertThat(FxThread.call(opened::openDialog)).isNull();
        assertThat(FxThread.call(() -> opened.settings().password())).isEqualTo(PASSWORD);
    }

    @Test
    void login_dialog_requires_user_and_secret() throws Exception {
        ConsoleWindow opened = open(settings("wrong-password"));
        Dialog<?> dialog = awaitDialog(opened);

        FxThread.run(() -> field(dialog, "#login-username").setText(" "));

        assertThat(FxThread.call(() -> label(dialog, "#login-error").getText()))
                .isEqualTo("user name must not be blank");
        assertThat(FxThread.call(() -> button(dialog, LoginDialog.LOG_IN).isDisabled()))
                .isTrue();
        FxThread.run(() -> field(dialog, "#login-username").setText("dispatcher"));
        assertThat(FxThread.call(() -> label(dialog, "#login-error").getText()))
                .isEqualTo("password must not be empty");
        FxThread.run(() -> field(dialog, "#login-secret").setText(PASSWORD));
        assertThat(FxThread.call(() -> label(dialog, "#login-error").getText())).isEmpty();
        assertThat(FxThread.call(() -> button(dialog, LoginDialog.LOG_IN).isDisabled()))
                .isFalse();
    }

    @Test
    void access_token_goes_to_broker_unchanged() throws Exception {
        // No tracker listens on port 9: a password login would fail to get a token there and keep retrying.
        ConsoleSettings unreachableApi = settings("wrong-password").withApiUrl(URI.create("http://127.0.0.1:9"));
        ConsoleWindow opened = open(unreachableApi);
        FxThread.run(() -> menuItem(opened, "menu-log-out").fire());
        Dialog<?> dialog = awaitDialog(opened);

        FxThread.run(() -> {
            ((RadioButton) dialog.getDialogPane().lookup("#login-token-choice")).setSelected(true);
            field(dialog, "#login-secret").setText(PASSWORD);
        });
        assertThat(FxThread.call(() -> label(dialog, "#login-token-note").isVisible()))
                .isTrue();
        FxThread.run(() -> button(dialog, LoginDialog.LOG_IN).fire());

        try {
            await().atMost(UI_TIMEOUT).until(onFx(() -> opened.connectionState() == ConnectionState.CONNECTED));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "The token login did not connect: "
                            + FxThread.call(() -> opened.connectionState() + " (" + opened.connectionDetail()
                                    + "), open dialog " + opened.openDialog()),
                    e);
        }
        assertThat(FxThread.call(() -> opened.settings().apiUrl())).isEqualTo(URI.create("http://127.0.0.1:9"));
    }

    @Test
    void cancelled_log_out_closes_the_window() throws Exception {
        ConsoleWindow opened = openConnected(settings(PASSWORD));
        FxThread.run(() -> menuItem(opened, "menu-log-out").fire());
        Dialog<?> dialog = awaitDialog(opened);

        FxThread.run(() -> button(dialog, ButtonType.CANCEL).fire());

        await().atMost(UI_TIMEOUT).until(onFx(() -> !opened.scene().getWindow().isShowing()));
        assertThat(FxThread.call(opened::connectionState)).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void settings_dialog_shows_invalid_value_inline() throws Exception {
        ConsoleWindow opened = openConnected(settings(PASSWORD));
        FxThread.run(() -> menuItem(opened, "menu-settings").fire());
        Dialog<?> dialog = awaitDialog(opened);
        screenshot(dialog, "settings-dialog.png");

        FxThread.run(() -> field(dialog, "#settings-fleet").setText("bad fleet"));

        assertThat(FxThread.call(() -> label(dialog, "#settings-error").getText()))
                .isEqualTo("fleet id 'bad fleet' is invalid: use 1 to 64 letters, digits, '.', '_' or '-'");
        assertThat(FxThread.call(() -> button(dialog, SettingsDialog.APPLY).isDisabled()))
                .isTrue();
        screenshot(dialog, "settings-dialog-invalid.png");
        FxThread.run(() -> {
            field(dialog, "#settings-fleet").setText(DemoFleet.FLEET_ID);
            field(dialog, "#settings-session-expiry").setText("an hour");
        });
        assertThat(FxThread.call(() -> label(dialog, "#settings-error").getText()))
                .isEqualTo("session expiry must be a whole number of seconds, got 'an hour'");
    }

    @Test
    void applied_settings_reconnect_and_are_saved() throws Exception {
        ConsoleWindow opened = openConnected(settings(PASSWORD));
        int attemptsBefore = FxThread.call(opened::connectAttempts);
        FxThread.run(() -> menuItem(opened, "menu-settings").fire());
        Dialog<?> dialog = awaitDialog(opened);

        FxThread.run(() -> {
            field(dialog, "#settings-fleet").setText("other");
            field(dialog, "#settings-session-expiry").setText("60");
            button(dialog, SettingsDialog.APPLY).fire();
        });

        await().atMost(UI_TIMEOUT)
                .until(onFx(() -> opened.connectionState() == ConnectionState.CONNECTED
                        && List.of("other").equals(opened.settings().fleetIds())));
        assertThat(FxThread.call(opened::vehicleRowCount)).isZero();
        assertThat(FxThread.call(opened::connectAttempts)).isEqualTo(attemptsBefore);
        assertThat(FxThread.call(() -> opened.settings().sessionExpiry())).isEqualTo(Duration.ofSeconds(60));
        assertThat(FxThread.call(() -> ((Stage) opened.scene().getWindow()).getTitle()))
                .contains("fleet other");
        String saved = Files.readString(dataDir.resolve(SettingsStore.FILE_NAME));
        assertThat(saved).contains("fleet=other", "session.expiry.seconds=60");
        assertThat(saved).doesNotContain(PASSWORD);
    }

    @Test
    void one_window_shows_several_fleets() throws Exception {
        EmbeddedBroker started = broker;
        assertThat(started).isNotNull();
        try (DemoFleet north = new DemoFleet(started.serverUri(), "north", 3, Instant.now(), null)) {
            north.publishStep(0);
        }
        ConsoleWindow opened = openConnected(settings(PASSWORD));
        FxThread.run(() -> menuItem(opened, "menu-settings").fire());
        Dialog<?> dialog = awaitDialog(opened);

        FxThread.run(() -> {
            field(dialog, "#settings-fleet").setText("demo, north, south");
            button(dialog, SettingsDialog.APPLY).fire();
        });

        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES + 3));
        assertThat(FxThread.call(opened::connectionState)).isEqualTo(ConnectionState.CONNECTED);
        // Settings replace the view, so the driver is made for the new one.
        assertThat(FxThread.call(() -> ConsoleViewDriver.of(opened.view()).fleetChoices()))
                .containsExactly("all fleets", "demo", "north", "south");
        assertThat(FxThread.call(() -> ((Stage) opened.scene().getWindow()).getTitle()))
                .startsWith("Fleet console: fleets demo, north, south on ");
        assertThat(Files.readString(dataDir.resolve(SettingsStore.FILE_NAME))).contains("fleet=demo,north,south");
        screenshot(opened, "console-several-fleets.png");
    }

    @Test
    void applied_settings_of_same_fleet_keep_trails() throws Exception {
        ConsoleWindow opened = openConnected(settings(PASSWORD));
        EmbeddedBroker started = broker;
        assertThat(started).isNotNull();
        try (DemoFleet fleet =
                new DemoFleet(started.serverUri(), VEHICLES, Instant.now().minusSeconds(60))) {
            for (int step = 8; step < 12; step++) {
                fleet.publishStep(step);
            }
        }
        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.trailPointCount() >= 3 * VEHICLES));
        int trailBefore = FxThread.call(opened::trailPointCount);
        FxThread.run(() -> menuItem(opened, "menu-settings").fire());
        Dialog<?> dialog = awaitDialog(opened);

        FxThread.run(() -> {
            field(dialog, "#settings-session-expiry").setText("120");
            button(dialog, SettingsDialog.APPLY).fire();
        });

        await().atMost(UI_TIMEOUT)
                .until(onFx(() -> opened.settings().sessionExpiry().equals(Duration.ofSeconds(120))));
        assertThat(FxThread.call(opened::trailPointCount)).isGreaterThanOrEqualTo(trailBefore);
        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES));
    }

    @Test
    void dark_theme_styles_live_console_and_is_saved() throws Exception {
        ConsoleWindow opened = openConnected(settings(PASSWORD));
        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.drawnMarkerCount() == VEHICLES));
        FxThread.run(() -> opened.selectVehicle(DemoFleet.vehicleId(2)));

        FxThread.run(() -> menuItem(opened, "menu-theme-dark").fire());

        assertThat(FxThread.call(() -> opened.settings().theme())).isEqualTo(Theme.DARK);
        assertThat(FxThread.call(() -> List.copyOf(opened.scene().getStylesheets())))
                .anyMatch(sheet -> sheet.endsWith("console-dark.css"));
        await().atMost(UI_TIMEOUT)
                .until(onFx(() -> brightness(opened.scene().getRoot().lookup(".status-bar")) < 0.3));
        await().atMost(UI_TIMEOUT)
                .until(onFx(() -> brightness(opened.scene().getRoot().lookup(".menu-bar")) < 0.3));
        assertThat(Files.readString(dataDir.resolve(SettingsStore.FILE_NAME))).contains("theme=dark");
        Path file = SCREENSHOTS.resolve("console-dark.png");
        FxThread.run(() -> opened.saveScreenshot(file));
        assertThat(Files.size(file)).isGreaterThan(10_000);
        FxThread.run(() -> menuItem(opened, "menu-settings").fire());
        Dialog<?> dialog = awaitDialog(opened);
        assertThat(FxThread.call(() -> List.copyOf(dialog.getDialogPane().getStylesheets())))
                .anyMatch(sheet -> sheet.endsWith("console-dark.css"));
        screenshot(dialog, "settings-dialog-dark.png");
        FxThread.run(() -> button(dialog, ButtonType.CANCEL).fire());
        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.openDialog() == null));
        FxThread.run(() -> menuItem(opened, "menu-theme-light").fire());
        await().atMost(UI_TIMEOUT)
                .until(onFx(() -> brightness(opened.scene().getRoot().lookup(".status-bar")) > 0.9));
        assertThat(Files.readString(dataDir.resolve(SettingsStore.FILE_NAME))).contains("theme=light");
    }

    private ConsoleSettings settings(String password) {
        EmbeddedBroker started = broker;
        assertThat(started).isNotNull();
        return ConsoleSettings.of(started.serverUri(), DemoFleet.FLEET_ID, ConsoleSettings.DEFAULT_USERNAME, password)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withDataDir(dataDir);
    }

    private ConsoleWindow open(ConsoleSettings settings) throws Exception {
        ConsoleWindow opened = FxThread.call(() -> ConsoleWindow.open(new Stage(), settings));
        window = opened;
        return opened;
    }

    private ConsoleWindow openConnected(ConsoleSettings settings) throws Exception {
        ConsoleWindow opened = open(settings);
        await().atMost(UI_TIMEOUT).until(onFx(() -> opened.connectionState() == ConnectionState.CONNECTED));
        return opened;
    }

    private static Dialog<?> awaitDialog(ConsoleWindow opened) throws Exception {
        await().atMost(UI_TIMEOUT)
                .until(onFx(
                        () -> opened.openDialog() != null && opened.openDialog().isShowing()));
        Dialog<?> dialog = FxThread.call(opened::openDialog);
        assertThat(dialog).isNotNull();
        return dialog;
    }

    private static MenuItem menuItem(ConsoleWindow opened, String id) {
        MenuBar bar = (MenuBar) ((BorderPane) opened.scene().getRoot()).getTop();
        for (Menu menu : bar.getMenus()) {
            MenuItem found = find(menu, id);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item with id " + id);
    }

    private static @Nullable MenuItem find(Menu menu, String id) {
        for (MenuItem item : menu.getItems()) {
            if (id.equals(item.getId())) {
                return item;
            }
            if (item instanceof Menu submenu) {
                MenuItem found = find(submenu, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static TextField field(Dialog<?> dialog, String selector) {
        return (TextField) dialog.getDialogPane().lookup(selector);
    }

    private static Label label(Dialog<?> dialog, String selector) {
        return (Label) dialog.getDialogPane().lookup(selector);
    }

    private static Button button(Dialog<?> dialog, ButtonType type) {
        return (Button) dialog.getDialogPane().lookupButton(type);
    }

    /** Returns the brightness, 0 to 1, of the first background fill of {@code node}; 1 when it has none. */
    private static double brightness(@Nullable Object node) {
        if (!(node instanceof Region region)
                || region.getBackground() == null
                || region.getBackground().getFills().isEmpty()) {
            return 1;
        }
        return ((Color) region.getBackground().getFills().get(0).getFill()).getBrightness();
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private static void screenshot(ConsoleWindow opened, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> opened.saveScreenshot(file));

        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    private static void screenshot(Dialog<?> dialog, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> Screenshots.write(dialog.getDialogPane().getScene(), file));

        assertThat(Files.size(file)).isGreaterThan(3_000);
    }
}
