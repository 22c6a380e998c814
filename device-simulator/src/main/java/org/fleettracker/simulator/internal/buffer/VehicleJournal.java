package org.fleettracker.simulator.internal.buffer;

import java.util.List;

/**
 * One vehicle's part of the buffer on disk. The methods only queue a write and return at once, so a vehicle link may
 * call them on its own executor. Writes of one vehicle reach the disk in the order of the calls.
 */
public interface VehicleJournal {

    /** A journal that stores nothing, for runs without a buffer directory. */
    VehicleJournal NONE = new VehicleJournal() {
        @Override
        public List<StoredFix> restored() {
            return List.of();
        }

        @Override
        public void append(long recordId, long seq, byte[] payload) {
            // Nothing is stored without a buffer directory.
        }

        @Override
        public void remove(long recordId) {
            // Nothing is stored without a buffer directory.
        }
    };

    /** Returns the fixes a previous run left unacknowledged, ordered by record id. */
    List<StoredFix> restored();

    /** Stores a fix that waits for its PUBACK; {@code recordId} must be higher than every id stored before. */
    void append(long recordId, long seq, byte[] payload);

    /** Removes a fix that was acknowledged, rejected for good or dropped; an unknown id is ignored. */
    void remove(long recordId);
}
