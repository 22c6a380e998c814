package org.fleettracker.simulator.internal.motion;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JobPlannerTest {

    private static final StreetGrid GRID = StreetGrid.generate(1_000, DrivingProfile.CITY, new SplittableRandom(3));
    private static final Geo.LocalProjection PROJECTION = new Geo.LocalProjection(46.0569, 14.5058);
    private static final JobPlanner PLANNER = new JobPlanner(GRID, PROJECTION, JobProfile.withDwellS(60));

    private static JobStop stopAt(String stopId, double xM, double yM) {
        return new JobStop(
                stopId,
                JobStopKind.PICKUP,
                stopId,
                PROJECTION.latitudeDeg(yM),
                PROJECTION.longitudeDeg(xM),
                50,
                null,
                null);
    }

    @Test
    void stops_keep_the_job_order() {
        Job job = new Job("j-1", "v1", List.of(stopAt("b", 300, 0), stopAt("a", -300, 0), stopAt("c", 0, 300)));

        JobPlan plan = PLANNER.plan("c-1", job);

        assertThat(plan.stops()).extracting(JobPlan.StopTarget::stopId).containsExactly("b", "a", "c");
        assertThat(plan.commandId()).isEqualTo("c-1");
    }

    @Test
    void stop_gets_the_nearest_intersection() {
        int node = Places.largestComponent(GRID).get(7);
        Job job = new Job("j-1", "v1", List.of(stopAt("s", GRID.xM(node) + 10, GRID.yM(node) - 5)));

        JobPlan.StopTarget target = PLANNER.plan("c-1", job).stops().get(0);

        assertThat(target.node()).isEqualTo(node);
        assertThat(target.xM()).isCloseTo(GRID.xM(node) + 10, within(0.01));
        assertThat(target.yM()).isCloseTo(GRID.yM(node) - 5, within(0.01));
    }

    @Test
    void far_stop_is_rejected_by_id() {
        Job job = new Job("j-1", "v1", List.of(stopAt("near", 0, 0), stopAt("far-away", 5_000, 0)));

        assertThatThrownBy(() -> PLANNER.plan("c-1", job))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop 'far-away'")
                .hasMessageContaining("more than 300 m");
    }

    @Test
    void projection_round_trips_metres() {
        assertThat(PROJECTION.northM(PROJECTION.latitudeDeg(1234.5))).isCloseTo(1234.5, within(1e-6));
        assertThat(PROJECTION.eastM(PROJECTION.longitudeDeg(-987.6))).isCloseTo(-987.6, within(1e-6));
    }
}
