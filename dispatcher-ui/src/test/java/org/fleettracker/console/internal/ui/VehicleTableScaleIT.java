package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.PendingUpdate;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vehicle table with 5,000 rows: a new filter and a frame's updates must stay cheap. The time limits are loose
 * because CI machines are shared, so the test catches a rebuild per keystroke but not a small slowdown. The log
 * gives the times.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VehicleTableScaleIT {

    private static final Logger log = LoggerFactory.getLogger(VehicleTableScaleIT.class);
    private static final int VEHICLES = 5_000;
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final long MAX_FILTER_MS = 250;

    private final FleetInbox inbox = new FleetInbox(10);
    private final FleetModel model = new FleetModel(10);

    @BeforeEach
    void startToolkit() throws InterruptedException {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
    }

    @Test
    void filter_over_5000_rows_is_cheap() throws Exception {
        offerStates(0);
        model.apply(inbox.drain());

        long[] filterNanos = FxThread.call(() -> {
            VehicleTable table = new VehicleTable(vehicleId -> {});
            table.sync(model.vehicles(), T0);
            return new long[] {
                timeFilter(table, new VehicleFilter("V-01", null, null), 100),
                timeFilter(table, new VehicleFilter("", "demo", StatusFilter.STOPPED), VEHICLES / 2),
                timeFilter(table, new VehicleFilter("v-0", "demo", StatusFilter.MOVING), 500),
                timeFilter(table, VehicleFilter.NONE, VEHICLES)
            };
        });

        for (long nanos : filterNanos) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(nanos)).isLessThan(MAX_FILTER_MS);
        }
    }

    @Test
    void frame_of_updates_keeps_filter_and_selection() throws Exception {
        offerStates(0);
        model.apply(inbox.drain());
        VehicleTable table = FxThread.call(() -> {
            VehicleTable created = new VehicleTable(vehicleId -> {});
            created.sync(model.vehicles(), T0);
            created.setFilter(new VehicleFilter("", null, StatusFilter.MOVING));
            created.select("v-0002");
            return created;
        });

        offerStates(1);
        FleetInbox.Drained drained = inbox.drain();
        model.apply(drained);
        List<VehicleTrack> updated = new ArrayList<>();
        for (PendingUpdate update : drained.updates()) {
            model.vehicle(update.vehicleId()).ifPresent(updated::add);
        }
        long syncNanos = FxThread.call(() -> {
            long start = System.nanoTime();
            table.sync(updated, T0.plusSeconds(1));
            return System.nanoTime() - start;
        });
        log.info("Synced {} updated rows of {} in {} ms", updated.size(), VEHICLES, syncNanos / 1e6);

        assertThat(FxThread.call(table::rowCount)).isEqualTo(VEHICLES / 2);
        assertThat(FxThread.call(table::selectedVehicleId)).isEqualTo("v-0002");
        assertThat(TimeUnit.NANOSECONDS.toMillis(syncNanos)).isLessThan(MAX_FILTER_MS * 4);
    }

    private static long timeFilter(VehicleTable table, VehicleFilter filter, int expectedRows) {
        long start = System.nanoTime();
        table.setFilter(filter);
        long nanos = System.nanoTime() - start;
        log.info("Filter {} listed {} of {} rows in {} ms", filter, table.rowCount(), VEHICLES, nanos / 1e6);
        assertThat(table.rowCount()).as("rows listed by %s", filter).isEqualTo(expectedRows);
        return nanos;
    }

    /** Offers one state per vehicle {@code v-0000} to {@code v-4999}: even ones move, odd ones are stopped. */
    private void offerStates(int step) {
        for (int i = 0; i < VEHICLES; i++) {
            boolean moving = i % 2 == 0;
            double speedKmh = moving ? 20 + i % 50 + step : 0;
            MotionStatus status = moving ? MotionStatus.MOVING : MotionStatus.STOPPED;
            Instant fixTime = T0.plusSeconds(step);
            VehicleState state = new VehicleState(
                    "demo",
                    String.format("v-%04d", i),
                    step,
                    fixTime,
                    fixTime,
                    48.0 + i * 1e-4,
                    11.0,
                    speedKmh,
                    90.0,
                    null,
                    null,
                    null,
                    moving,
                    null,
                    status,
                    Boolean.TRUE,
                    null,
                    null,
                    fixTime);
            inbox.offerState(state, fixTime);
        }
    }
}
