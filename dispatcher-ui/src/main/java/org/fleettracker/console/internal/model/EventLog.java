package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@link EventFeed} kept in memory: the events from the events topic and from the history API after a reconnect,
 * each once by event id, the newest kept within a limit per vehicle and overall.
 *
 * <p>Alerts are also kept in a list of their own with its own limit, so a busy vehicle's events do not push an open
 * alert out of {@link #alerts()}. An {@code alert-acknowledged} event marks its alert acknowledged, also when it
 * comes before the alert (as a refill from the history API can bring it). A {@code command-updated} event sets its
 * command's status unless the status already known is from a later event. Not thread safe: the FX thread uses it.
 */
public final class EventLog implements EventFeed {

    /** Type of the event that records an acknowledgement; its attributes name the alert and the dispatcher. */
    static final String ACKNOWLEDGED_TYPE = "alert-acknowledged";

    /** Type of the event that records a step of a command. */
    static final String COMMAND_UPDATED_TYPE = "command-updated";

    private static final Comparator<FleetEvent> NEWEST_FIRST =
            Comparator.comparing(FleetEvent::time).reversed().thenComparing(FleetEvent::eventId);

    private final int maxEvents;
    private final int maxEventsPerVehicle;
    private final int maxAlerts;
    private final Map<String, FleetEvent> eventsById = new HashMap<>();
    private final NavigableSet<FleetEvent> events = new TreeSet<>(NEWEST_FIRST);
    private final Map<String, NavigableSet<FleetEvent>> eventsByVehicle = new HashMap<>();
    private final Map<String, AlertItem> alertsById = new HashMap<>();
    private final NavigableSet<FleetEvent> alerts = new TreeSet<>(NEWEST_FIRST);
    private final LinkedHashMap<String, Acknowledgement> acknowledgements;
    private final LinkedHashMap<String, CommandStep> commandSteps;
    private long version;

    public EventLog(int maxEvents, int maxEventsPerVehicle, int maxAlerts, int maxCommands) {
        if (maxEvents < 1 || maxEventsPerVehicle < 1 || maxAlerts < 1 || maxCommands < 1) {
            throw new IllegalArgumentException("event log limits must be at least 1, got " + maxEvents + ", "
                    + maxEventsPerVehicle + ", " + maxAlerts + " and " + maxCommands);
        }
        this.maxEvents = maxEvents;
        this.maxEventsPerVehicle = maxEventsPerVehicle;
        this.maxAlerts = maxAlerts;
        this.acknowledgements = boundedMap(maxAlerts);
        this.commandSteps = boundedMap(maxCommands);
    }

    /** Adds the events not known yet; returns whether anything changed. */
    public boolean addAll(List<FleetEvent> newEvents) {
        boolean changed = false;
        for (FleetEvent event : newEvents) {
            changed |= add(event);
        }
        if (changed) {
            version++;
        }
        return changed;
    }

    private boolean add(FleetEvent event) {
        if (eventsById.containsKey(event.eventId()) || alertsById.containsKey(event.eventId())) {
            return false;
        }
        addEvent(event);
        if (event.alert()) {
            addAlert(event);
        }
        if (ACKNOWLEDGED_TYPE.equals(event.type())) {
            acknowledge(event);
        } else if (COMMAND_UPDATED_TYPE.equals(event.type())) {
            updateCommand(event);
        }
        return true;
    }

    private void addEvent(FleetEvent event) {
        eventsById.put(event.eventId(), event);
        events.add(event);
        String vehicleId = event.vehicleId();
        if (vehicleId != null) {
            NavigableSet<FleetEvent> ofVehicle =
                    eventsByVehicle.computeIfAbsent(vehicleId, id -> new TreeSet<>(NEWEST_FIRST));
            ofVehicle.add(event);
            if (ofVehicle.size() > maxEventsPerVehicle) {
                removeEvent(ofVehicle.last());
            }
        }
        if (events.size() > maxEvents) {
            removeEvent(events.last());
        }
    }

    private void removeEvent(FleetEvent event) {
        eventsById.remove(event.eventId());
        events.remove(event);
        String vehicleId = event.vehicleId();
        if (vehicleId != null) {
            NavigableSet<FleetEvent> ofVehicle = eventsByVehicle.get(vehicleId);
            if (ofVehicle != null) {
                ofVehicle.remove(event);
                if (ofVehicle.isEmpty()) {
                    eventsByVehicle.remove(vehicleId);
                }
            }
        }
    }

    private void addAlert(FleetEvent alert) {
        Acknowledgement early = acknowledgements.remove(alert.eventId());
        alertsById.put(
                alert.eventId(),
                early == null ? new AlertItem(alert, null, null) : new AlertItem(alert, early.by(), early.time()));
        alerts.add(alert);
        if (alerts.size() > maxAlerts) {
            FleetEvent oldest = alerts.pollLast();
            if (oldest != null) {
                alertsById.remove(oldest.eventId());
            }
        }
    }

    private void acknowledge(FleetEvent event) {
        String alertId = event.attributes().get("alertId");
        if (alertId == null) {
            return;
        }
        Acknowledgement acknowledgement = new Acknowledgement(event.attributes().get("acknowledgedBy"), event.time());
        AlertItem item = alertsById.get(alertId);
        if (item == null) {
            acknowledgements.put(alertId, acknowledgement);
        } else if (!item.isAcknowledged()) {
            alertsById.put(alertId, new AlertItem(item.alert(), acknowledgement.by(), acknowledgement.time()));
        }
    }

    private void updateCommand(FleetEvent event) {
        String commandId = event.attributes().get("commandId");
        String status = event.attributes().get("status");
        if (commandId == null || status == null) {
            return;
        }
        CommandStep known = commandSteps.get(commandId);
        if (known == null || !event.time().isBefore(known.time())) {
            commandSteps.put(commandId, new CommandStep(status, event.time()));
        }
    }

    @Override
    public List<FleetEvent> latest(@Nullable String vehicleId, int limit) {
        NavigableSet<FleetEvent> source = vehicleId == null ? events : eventsByVehicle.get(vehicleId);
        if (source == null || limit < 1) {
            return List.of();
        }
        List<FleetEvent> result = new ArrayList<>(Math.min(limit, source.size()));
        for (FleetEvent event : source) {
            if (result.size() == limit) {
                break;
            }
            result.add(event);
        }
        return result;
    }

    @Override
    public List<AlertItem> alerts() {
        List<AlertItem> result = new ArrayList<>(alerts.size());
        for (FleetEvent alert : alerts) {
            result.add(alertsById.get(alert.eventId()));
        }
        return result;
    }

    /** Returns the alert with id {@code eventId}, if the log has it. */
    public Optional<AlertItem> alert(String eventId) {
        return Optional.ofNullable(alertsById.get(eventId));
    }

    @Override
    public Optional<String> commandStatus(String commandId) {
        CommandStep step = commandSteps.get(commandId);
        return step == null ? Optional.empty() : Optional.of(step.status());
    }

    @Override
    public long version() {
        return version;
    }

    /** Returns how many events the log keeps, alerts included. */
    public int eventCount() {
        return events.size();
    }

    private static <V> LinkedHashMap<String, V> boundedMap(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private record Acknowledgement(@Nullable String by, Instant time) {}

    private record CommandStep(String status, Instant time) {}
}
