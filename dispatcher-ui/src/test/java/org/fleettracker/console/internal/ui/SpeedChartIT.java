package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.SpeedSample;
import org.fleettracker.console.internal.model.TimeRange;
import org.fleettracker.console.testing.FxThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The speed chart's time axis under Xvfb. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpeedChartIT {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @BeforeAll
    static void startToolkit() throws InterruptedException {
        FxThread.startToolkit();
    }

    @Test
    void empty_chart_hides_time_labels() throws Exception {
        boolean visible = FxThread.call(() -> new SpeedChart().timeLabelsVisible());

        assertThat(visible).isFalse();
    }

    @Test
    void samples_show_time_labels() throws Exception {
        boolean visible = FxThread.call(() -> {
            SpeedChart chart = new SpeedChart();
            chart.setSamples(List.of(new SpeedSample(T0, 30), new SpeedSample(T0.plusSeconds(60), 40)));
            return chart.timeLabelsVisible();
        });

        assertThat(visible).isTrue();
    }

    @Test
    void fixed_range_shows_time_labels_without_samples() throws Exception {
        boolean visible = FxThread.call(() -> {
            SpeedChart chart = new SpeedChart();
            chart.setTimeRange(new TimeRange(T0, T0.plusSeconds(3600)));
            return chart.timeLabelsVisible();
        });

        assertThat(visible).isTrue();
    }
}
