package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.SpeedSample;
import org.fleettracker.console.internal.model.TimeRange;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * Speed over time as a line chart, with an optional cursor at one time, which history playback moves.
 *
 * <p>The time axis is in epoch seconds and labelled in local time. Use it on the FX thread.
 */
final class SpeedChart {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    /** Number of tick intervals the time axis aims for when it shows a fixed range. */
    private static final double TIME_TICKS = 6.0;

    /** Tick steps of a fixed time axis, in seconds, so that the HH:mm labels fall on whole minutes. */
    private static final long[] CLOCK_STEPS_S = {
        60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400
    };

    private final NumberAxis timeAxis = new NumberAxis();
    private final NumberAxis speedAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(timeAxis, speedAxis);
    private final XYChart.Series<Number, Number> speed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> cursor = new XYChart.Series<>();
    private double maxSpeedKmh = 10;

    SpeedChart() {
        timeAxis.setForceZeroInRange(false);
        timeAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSecond) {
                return CLOCK.format(Instant.ofEpochSecond(epochSecond.longValue()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
        speedAxis.setLabel("km/h");
        speedAxis.setForceZeroInRange(true);
        speed.setName("speed");
        cursor.setName("now");
        chart.getData().add(speed);
        chart.getData().add(cursor);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getStyleClass().add("speed-chart");
        chart.setMinHeight(120);
        chart.setPrefHeight(180);
        updateTimeLabels();
    }

    Node node() {
        return chart;
    }

    /** Shows {@code samples}, which must be in fix-time order. */
    void setSamples(List<SpeedSample> samples) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(samples.size());
        double max = 10;
        for (SpeedSample sample : samples) {
            points.add(new XYChart.Data<>(sample.fixTime().getEpochSecond(), sample.speedKmh()));
            max = Math.max(max, sample.speedKmh());
        }
        maxSpeedKmh = max;
        speed.getData().setAll(points);
        updateTimeLabels();
    }

    /** Hides the time labels of an empty auto-ranged axis, whose range is the first seconds of 1970. */
    private void updateTimeLabels() {
        timeAxis.setTickLabelsVisible(
                !timeAxis.isAutoRanging() || !speed.getData().isEmpty());
    }

    /** Returns whether the time axis shows its labels. */
    boolean timeLabelsVisible() {
        return timeAxis.isTickLabelsVisible();
    }

    /** Draws a vertical line at {@code time}, or removes it when null. */
    void setCursor(@Nullable Instant time) {
        if (time == null) {
            cursor.getData().clear();
            return;
        }
        long second = time.getEpochSecond();
        cursor.getData().setAll(List.of(new XYChart.Data<>(second, 0), new XYChart.Data<>(second, maxSpeedKmh)));
    }

    /**
     * Fixes the time axis to {@code range}, so that a playback shows its whole range even where it has no fix; null
     * gives the axis back to auto-ranging on the samples.
     */
    void setTimeRange(@Nullable TimeRange range) {
        if (range == null) {
            timeAxis.setAutoRanging(true);
            updateTimeLabels();
            return;
        }
        timeAxis.setAutoRanging(false);
        updateTimeLabels();
        timeAxis.setLowerBound(range.from().getEpochSecond());
        timeAxis.setUpperBound(range.to().getEpochSecond());
        timeAxis.setTickUnit(clockStepS(range.length().toSeconds() / TIME_TICKS));
    }

    /** Returns the smallest clock-friendly step, from 1 min to 1 day, not below {@code minimumS}. */
    private static long clockStepS(double minimumS) {
        for (long stepS : CLOCK_STEPS_S) {
            if (stepS >= minimumS) {
                return stepS;
            }
        }
        return CLOCK_STEPS_S[CLOCK_STEPS_S.length - 1];
    }

    /** Returns how many speed samples the chart shows. */
    int sampleCount() {
        return speed.getData().size();
    }
}
