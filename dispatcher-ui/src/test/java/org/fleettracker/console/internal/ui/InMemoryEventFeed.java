package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An event feed for the view tests: events added by the test, alerts acknowledged by the test. FX thread only. */
final class InMemoryEventFeed implements EventFeed {

    private final List<FleetEvent> events = new ArrayList<>();
    private final Map<String, AlertItem> alerts = new LinkedHashMap<>();
    private long version;

    void add(FleetEvent event) {
        events.add(event);
        if (event.alert()) {
            alerts.put(event.eventId(), new AlertItem(event, null, null));
        }
        version++;
    }

    void acknowledge(String eventId, String by, Instant time) {
        AlertItem item = Objects.requireNonNull(alerts.get(eventId), "no alert " + eventId);
        alerts.put(eventId, new AlertItem(item.alert(), by, time));
        version++;
    }

    @Override
    public List<FleetEvent> latest(@Nullable String vehicleId, int limit) {
        return events.stream()
                .filter(event -> vehicleId == null || vehicleId.equals(event.vehicleId()))
                .sorted(Comparator.comparing(FleetEvent::time).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<AlertItem> alerts() {
        return alerts.values().stream()
                .sorted(Comparator.comparing((AlertItem item) -> item.alert().time())
                        .reversed())
                .toList();
    }

    @Override
    public Optional<String> commandStatus(String commandId) {
        return Optional.empty();
    }

    @Override
    public long version() {
        return version;
    }
}
