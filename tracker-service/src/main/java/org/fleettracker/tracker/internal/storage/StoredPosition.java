package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Telemetry;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One fix as stored: the fix itself, the fleet from its topic, when the tracker received it, and the flags the
 * ingest rules put on it.
 *
 * @param receivedTime when the tracker received the message, in UTC
 * @param flags marks such as {@link PositionFlag#OUTLIER}; empty for a plain fix
 */
public record StoredPosition(String fleetId, Telemetry fix, Instant receivedTime, Set<PositionFlag> flags) {

    public StoredPosition {
        Ids.requireValid("fleet id", fleetId);
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(receivedTime, "receivedTime");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** Creates a position without flags. */
    public StoredPosition(String fleetId, Telemetry fix, Instant receivedTime) {
        this(fleetId, fix, receivedTime, Set.of());
    }

    public String vehicleId() {
        return fix.vehicleId();
    }

    public boolean has(PositionFlag flag) {
        return flags.contains(flag);
    }

    /** Returns a copy that also carries {@code flag}. */
    public StoredPosition withFlag(PositionFlag flag) {
        EnumSet<PositionFlag> more = EnumSet.of(flag);
        more.addAll(flags);
        return new StoredPosition(fleetId, fix, receivedTime, more);
    }

    /** Returns a copy with another fix, such as one with a corrected fix time. */
    public StoredPosition withFix(Telemetry corrected) {
        return new StoredPosition(fleetId, corrected, receivedTime, flags);
    }
}
