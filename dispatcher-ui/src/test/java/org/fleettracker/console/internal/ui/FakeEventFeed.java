package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An event feed with command statuses that a test sets, as {@code command-updated} events would. */
final class FakeEventFeed implements EventFeed {

    private final Map<String, String> commandStatuses = new HashMap<>();
    private long version;

    @Override
    public List<FleetEvent> latest(@Nullable String vehicleId, int limit) {
        return List.of();
    }

    @Override
    public List<AlertItem> alerts() {
        return List.of();
    }

    @Override
    public Optional<String> commandStatus(String commandId) {
        return Optional.ofNullable(commandStatuses.get(commandId));
    }

    @Override
    public long version() {
        return version;
    }

    void setCommandStatus(String commandId, String status) {
        commandStatuses.put(commandId, status);
        version++;
    }
}
