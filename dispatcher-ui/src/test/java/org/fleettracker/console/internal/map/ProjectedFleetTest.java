package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.TrailPoint;
import org.fleettracker.console.internal.model.WebMercator;
import org.fleettracker.console.testing.SyntheticFleet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectedFleetTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final int TRAIL_LENGTH = 4;
    /** Vehicle 1 of the synthetic fleet moves, so each step adds a distinct trail point. */
    private static final String MOVING_ID = SyntheticFleet.vehicleId(1);

    private final SyntheticFleet synthetic = new SyntheticFleet(2, 48.137, 11.575, 0.5, START);
    private final FleetInbox inbox = new FleetInbox(TRAIL_LENGTH);
    private final FleetModel model = new FleetModel(TRAIL_LENGTH);
    private final ProjectedFleet fleet = new ProjectedFleet();

    @Test
    void full_trail_keeps_projecting_new_points() {
        for (int step = 0; step < 7; step++) {
            applyStep(step);
            fleet.refresh(model.vehicles());
        }

        int index = fleet.indexOf(MOVING_ID);
        assertThat(fleet.trailSize(index)).isEqualTo(TRAIL_LENGTH);
        assertTrailMatchesModel(index);
    }

    @Test
    void gap_fill_projects_inserted_point() {
        applyStep(0);
        applyStep(4);
        applyStep(8);
        fleet.refresh(model.vehicles());
        TrailPoint missed = new TrailPoint(START.plusSeconds(2), new GeoPoint(48.5, 11.5));

        model.fillGap(MOVING_ID, List.of(missed), List.of());
        fleet.refresh(model.vehicles());

        int index = fleet.indexOf(MOVING_ID);
        assertThat(fleet.trailSize(index)).isEqualTo(4);
        assertThat(fleet.trailMercatorY(index, 1)).isEqualTo(WebMercator.y(48.5));
        assertTrailMatchesModel(index);
    }

    private void applyStep(int step) {
        for (int i = 0; i < synthetic.size(); i++) {
            inbox.offerState(synthetic.state(i, step), START.plusSeconds(step));
        }
        model.apply(inbox.drain());
    }

    private void assertTrailMatchesModel(int index) {
        List<TrailPoint> points = model.vehicle(MOVING_ID).orElseThrow().trail().points();
        assertThat(fleet.trailSize(index)).isEqualTo(points.size());
        for (int p = 0; p < points.size(); p++) {
            GeoPoint position = points.get(p).position();
            assertThat(fleet.trailMercatorX(index, p))
                    .as("x of trail point %d", p)
                    .isEqualTo(WebMercator.x(position.longitudeDeg()));
            assertThat(fleet.trailMercatorY(index, p))
                    .as("y of trail point %d", p)
                    .isEqualTo(WebMercator.y(position.latitudeDeg()));
        }
    }
}
