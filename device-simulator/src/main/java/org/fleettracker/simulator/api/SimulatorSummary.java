package org.fleettracker.simulator.api;

/**
 * Counters of a simulator run, summed over its vehicles.
 *
 * @param vehicles vehicles in the run
 * @param connectedVehicles vehicles connected to the broker right now
 * @param published telemetry PUBLISH packets handed to the MQTT clients, resends after a reconnect included
 * @param acknowledged fixes the broker acknowledged (PUBACK with a success reason code)
 * @param rejected fixes the broker acknowledged with an error reason code; they are not sent again
 * @param bufferedNow fixes waiting in the vehicles' outboxes or in flight, not acknowledged yet. After a run with a
 *     duration completes, these are the fixes the broker did not acknowledge in time
 * @param droppedByOverflow fixes dropped because a vehicle's outbox was full, oldest or newest first as set by
 *     {@link BufferSettings#overflow()}
 * @param reconnects connects after a vehicle's first one
 * @param failedVehicles vehicles that stopped connecting because the broker rejected their connect with a reason
 *     code that connecting again cannot fix, such as a bad user name or password; see {@link RejectedVehicle}
 * @param discardedByFailedVehicles fixes of failed vehicles that were never delivered: those pending when the
 *     broker rejected the connect, and those produced afterwards
 * @param faults the faults injected on purpose
 * @param jobs the dispatch jobs the vehicles handled
 * @param restoredFromDisk fixes that a previous run left in the buffer directory, sent first by this run
 * @param bufferedOnDisk unacknowledged fixes written to the buffer directory, those of vehicles outside this run
 *     included; 0 without a buffer directory
 * @param notWrittenToDisk fixes that could not be written to the buffer directory, as on a full disk. They are kept
 *     in memory only and lost if the process exits before they are acknowledged. 0 without a buffer directory
 */
public record SimulatorSummary(
        int vehicles,
        int connectedVehicles,
        long published,
        long acknowledged,
        long rejected,
        long bufferedNow,
        long droppedByOverflow,
        long reconnects,
        int failedVehicles,
        long discardedByFailedVehicles,
        FaultCounts faults,
        JobCounts jobs,
        long restoredFromDisk,
        long bufferedOnDisk,
        long notWrittenToDisk) {

    /** Returns whether no vehicle failed and no fix was rejected, dropped, discarded or left unacknowledged. */
    public boolean allDelivered() {
        return failedVehicles == 0
                && rejected == 0
                && bufferedNow == 0
                && droppedByOverflow == 0
                && discardedByFailedVehicles == 0;
    }
}
