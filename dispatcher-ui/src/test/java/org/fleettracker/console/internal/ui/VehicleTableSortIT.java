package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The vehicle table re-sorts and re-filters rows only when an update changed what the sort or filter reads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VehicleTableSortIT {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

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
    void id_order_update_sends_no_list_change() throws Exception {
        VehicleTable table = FxThread.call(() -> new VehicleTable(vehicleId -> {}));
        sync(table, 0, new double[] {10, 20, 30});
        AtomicInteger changes = new AtomicInteger();
        FxThread.run(() -> table.node().getItems().addListener((ListChangeListener<VehicleRow>) c -> {
            changes.incrementAndGet();
        }));

        sync(table, 1, new double[] {50, 5, 30});

        assertThat(changes).hasValue(0);
        assertThat(FxThread.call(table::listedVehicleIds)).containsExactly("v-0", "v-1", "v-2");
        assertThat(FxThread.call(
                        () -> table.node().getItems().get(0).speedKmhProperty().get()))
                .isEqualTo(50.0);
    }

    @Test
    void speed_order_follows_changed_speeds() throws Exception {
        VehicleTable table = FxThread.call(() -> new VehicleTable(vehicleId -> {}));
        sync(table, 0, new double[] {10, 20, 30});
        FxThread.run(() -> {
            TableColumn<VehicleRow, ?> speed = table.node().getColumns().get(2);
            table.node().getSortOrder().setAll(List.of(speed));
        });
        assertThat(FxThread.call(table::listedVehicleIds)).containsExactly("v-0", "v-1", "v-2");

        sync(table, 1, new double[] {50, 5, 30});

        assertThat(FxThread.call(table::listedVehicleIds)).containsExactly("v-1", "v-2", "v-0");
    }

    @Test
    void status_filter_follows_changed_status() throws Exception {
        VehicleTable table = FxThread.call(() -> new VehicleTable(vehicleId -> {}));
        sync(table, 0, new double[] {10, 0, 30});
        FxThread.run(() -> table.setFilter(new VehicleFilter("", null, StatusFilter.MOVING)));
        assertThat(FxThread.call(table::listedVehicleIds)).containsExactly("v-0", "v-2");

        boolean countsChanged = syncAndReturn(table, 1, new double[] {0, 20, 30});

        assertThat(countsChanged).isTrue();
        assertThat(FxThread.call(table::listedVehicleIds)).containsExactly("v-1", "v-2");
    }

    private void sync(VehicleTable table, int step, double[] speedsKmh) throws Exception {
        syncAndReturn(table, step, speedsKmh);
    }

    /** Offers one state per speed, vehicle {@code v-<index>}, moving unless its speed is 0, and syncs the table. */
    private boolean syncAndReturn(VehicleTable table, int step, double[] speedsKmh) throws Exception {
        for (int i = 0; i < speedsKmh.length; i++) {
            inbox.offerState(state("v-" + i, step, speedsKmh[i]), T0.plusSeconds(step));
        }
        FleetInbox.Drained drained = inbox.drain();
        model.apply(drained);
        List<VehicleTrack> updated = new ArrayList<>();
        drained.updates().forEach(update -> model.vehicle(update.vehicleId()).ifPresent(updated::add));
        return FxThread.call(() -> table.sync(updated, T0.plusSeconds(step)));
    }

    private static VehicleState state(String vehicleId, int step, double speedKmh) {
        boolean moving = speedKmh > 0;
        Instant fixTime = T0.plusSeconds(step);
        return new VehicleState(
                "demo",
                vehicleId,
                step,
                fixTime,
                fixTime,
                48.0,
                11.0 + step * 1e-3,
                speedKmh,
                90.0,
                null,
                null,
                null,
                moving,
                null,
                moving ? MotionStatus.MOVING : MotionStatus.STOPPED,
                Boolean.TRUE,
                null,
                null,
                fixTime);
    }
}
