package org.fleettracker.simulator.api;

/**
 * Counters of a simulator run, summed over its vehicles.
 *
 * @param vehicles vehicles in the run
 * @param connectedVehicles vehicles connected to the broker right now
 * @param published telemetry PUBLISH packets handed to the MQTT clients, resends after a reconnect included
 * @param acknowledged fixes the broker acknowledged (PUBACK with a success reason code)
 * @param rejected fixes the broker answered with an error reason code; they are not sent again
 * @param bufferedNow fixes waiting in the vehicles' outboxes or in flight, not acknowledged yet
 * @param droppedByOverflow fixes dropped, oldest first, because a vehicle's outbox was full
 * @param reconnects connects after a vehicle's first one
 */
public record SimulatorSummary(
        int vehicles,
        int connectedVehicles,
        long published,
        long acknowledged,
        long rejected,
        long bufferedNow,
        long droppedByOverflow,
        long reconnects) {}
