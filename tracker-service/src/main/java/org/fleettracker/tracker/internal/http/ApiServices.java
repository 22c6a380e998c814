package org.fleettracker.tracker.internal.http;

import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandService;
import org.fleettracker.tracker.internal.dispatch.JobService;
import org.fleettracker.tracker.internal.fleet.VehicleLimits;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.jspecify.annotations.Nullable;

import java.time.Clock;

/**
 * The parts of the tracker that the HTTP API's handlers work with.
 *
 * @param security the embedded broker's users and tokens, or null with an external broker (writes then get 503)
 * @param geofences the geofences in force, which the API changes and the geofence and overspeed rules read
 * @param vehicleLimits cache of the vehicles' own speed limits, cleared when the API changes one
 * @param outbound publishes the events that API writes raise, such as {@code alert-acknowledged}
 * @param commands stores, publishes and follows the commands that the API creates
 * @param jobs stores dispatch jobs and sends them to their vehicles as commands
 * @param clock the tracker's clock, for the times that API writes store
 */
public record ApiServices(
        TrackerSettings settings,
        VehicleStates states,
        Database database,
        TrackerMetrics metrics,
        HealthCheck health,
        @Nullable FleetSecurityExtension security,
        GeofenceRegistry geofences,
        VehicleLimits vehicleLimits,
        MqttOutbound outbound,
        CommandService commands,
        JobService jobs,
        Clock clock) {}
