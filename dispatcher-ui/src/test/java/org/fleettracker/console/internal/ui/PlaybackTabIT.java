package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.model.Playback;
import org.fleettracker.console.internal.model.PlaybackRangeChoice;
import org.fleettracker.console.internal.model.PlaybackSpeed;
import org.fleettracker.console.internal.model.ScreenTimes;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.FxThread;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The History tab of a console window under Xvfb, loading from a fake tracker API that returns a generated track. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlaybackTabIT {

    private static final String VEHICLE = DemoFleet.vehicleId(1);
    private static final int FIXES = 180;
    private static final Duration STEP = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private @Nullable ConsoleHarness harness;

    @BeforeEach
    void requireDisplay() {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void loaded_track_replays_with_chart_cursor() throws Exception {
        Instant trackStart = Instant.now().minus(Duration.ofMinutes(40));
        List<HistoryPosition> track = FakeTrackerApi.loop(trackStart, FIXES, STEP);
        ConsoleHarness opened = open(FakeTrackerApi.returning(track));
        PlaybackView view = FxThread.call(() -> opened.view().playbackView());
        FxThread.run(() -> view.setRange(PlaybackRangeChoice.LAST_1_H));

        boolean started = FxThread.call(view::load);
        await().atMost(Duration.ofSeconds(20)).until(opened.onFx(() -> !view.isLoading() && view.playback() != null));
        Playback playback = Objects.requireNonNull(FxThread.call(view::playback));
        Instant seekTime = track.get(FIXES / 3).fixTime();
        FxThread.run(() -> {
            view.seek(seekTime);
            view.setSpeed(PlaybackSpeed.X300);
            view.play();
        });
        // At 300x the clock passes 2 minutes of history in 0.4 s of FX pulses.
        await().atMost(Duration.ofSeconds(20))
                .until(opened.onFx(() -> playback.currentTime().isAfter(seekTime.plusSeconds(120))));
        FxThread.run(view::pause);

        assertThat(started).isTrue();
        assertThat(FxThread.call(view::messageText)).startsWith(FIXES + " positions of " + VEHICLE);
        assertThat(playback.fixes()).hasSize(FIXES);
        assertThat(playback.isPlaying()).isFalse();
        assertThat(playback.speed()).isEqualTo(PlaybackSpeed.X300);
        Instant now = FxThread.call(playback::currentTime);
        assertThat(now).isBefore(track.get(FIXES - 1).fixTime());
        assertThat(FxThread.call(view::chartCursor)).isEqualTo(Instant.ofEpochSecond(now.getEpochSecond()));
        double expectedSeconds = Duration.between(playback.range().from(), now).toMillis() / 1000.0;
        assertThat(FxThread.call(view::timelineSeconds)).isCloseTo(expectedSeconds, within(0.01));
        assertThat(FxThread.call(playback::currentPosition)).isPresent();
        opened.screenshot("playback-tab.png");
    }

    @Test
    void range_over_maximum_is_capped_with_message() throws Exception {
        int count = ConsoleConfig.PLAYBACK_MAX_POSITIONS + 5;
        Instant trackStart = Instant.now().minus(Duration.ofMinutes(50));
        ConsoleHarness opened =
                open(FakeTrackerApi.returning(FakeTrackerApi.loop(trackStart, count, Duration.ofMillis(100))));
        PlaybackView view = FxThread.call(() -> opened.view().playbackView());

        FxThread.call(view::load);
        await().atMost(Duration.ofSeconds(20)).until(opened.onFx(() -> !view.isLoading() && view.playback() != null));

        assertThat(FxThread.call(
                        () -> Objects.requireNonNull(view.playback()).fixes().size()))
                .isEqualTo(ConsoleConfig.PLAYBACK_MAX_POSITIONS);
        assertThat(FxThread.call(view::messageText))
                .contains("more than " + ConsoleConfig.PLAYBACK_MAX_POSITIONS + " positions");
    }

    @Test
    void failed_load_shows_error() throws Exception {
        ConsoleHarness opened = open(FakeTrackerApi.failingWith(new IOException("connection refused")));
        PlaybackView view = FxThread.call(() -> opened.view().playbackView());

        FxThread.call(view::load);
        await().atMost(Duration.ofSeconds(20)).until(opened.onFx(() -> !view.isLoading()));

        assertThat(FxThread.call(view::messageText))
                .startsWith("Loading the positions of " + VEHICLE + " failed: connection refused");
        assertThat(FxThread.call(view::playback)).isNull();
    }

    @Test
    void custom_range_without_positions_says_so() throws Exception {
        Instant trackStart = Instant.now().minus(Duration.ofMinutes(40));
        ConsoleHarness opened = open(FakeTrackerApi.returning(FakeTrackerApi.loop(trackStart, FIXES, STEP)));
        PlaybackView view = FxThread.call(() -> opened.view().playbackView());
        ZoneId zone = ZoneId.systemDefault();
        Instant from = Instant.now().minus(Duration.ofHours(5));
        FxThread.run(() -> view.setCustomRange(
                ScreenTimes.format(from, zone), ScreenTimes.format(from.plus(Duration.ofHours(1)), zone)));

        FxThread.call(view::load);
        await().atMost(Duration.ofSeconds(20)).until(opened.onFx(() -> !view.isLoading() && view.playback() != null));

        assertThat(FxThread.call(view::messageText)).startsWith("No positions of " + VEHICLE);
        assertThat(FxThread.call(() -> Objects.requireNonNull(view.playback()).isEmpty()))
                .isTrue();
    }

    @Test
    void custom_range_with_end_before_start_is_rejected() throws Exception {
        FakeTrackerApi api = FakeTrackerApi.returning(List.of());
        ConsoleHarness opened = open(api);
        PlaybackView view = FxThread.call(() -> opened.view().playbackView());
        FxThread.run(() -> view.setCustomRange("10:00", "09:00"));

        boolean started = FxThread.call(view::load);

        assertThat(started).isFalse();
        assertThat(FxThread.call(view::messageText)).isEqualTo("The end 09:00 is not after the start 10:00.");
        assertThat(api.positionCalls()).isZero();
    }

    private ConsoleHarness open(FakeTrackerApi api) throws Exception {
        ConsoleHarness opened = ConsoleHarness.start(dataDir, 1300, 860);
        harness = opened;
        FxThread.run(() -> {
            // Only the history tab reads this fake, so the vehicle details' speed fill does not count as a call.
            opened.view().playbackView().setTrackerApi(api);
            opened.view().showTab("History");
            opened.view().selectVehicle(VEHICLE);
        });
        return opened;
    }
}
