package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of the alerts table: the alert and where its acknowledgement is, from the event feed and the outbox.
 *
 * @param vehicleId the vehicle the alert is about, or null for an alert about the whole fleet
 * @param timeText when the alert happened, in local time, with the date unless it is today
 * @param summary type, vehicle, severity, time and short attributes in one line, for the selected alert
 * @param stateText {@code open}, {@code acknowledging (pending)}, the failure, or who acknowledged it and when
 * @param open whether the tracker has not recorded an acknowledgement yet
 * @param canAcknowledge whether the Acknowledge action applies: open, and not already queued unless that failed
 */
record AlertRow(
        String eventId,
        EventSeverity severity,
        @Nullable String vehicleId,
        String type,
        Instant time,
        String timeText,
        String summary,
        String stateText,
        boolean open,
        boolean canAcknowledge) {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    /**
     * Builds the row of {@code item}; {@code acknowledgement} is the outbox entry of its acknowledgement, or null
     * when this console has not queued one.
     */
    static AlertRow of(EventFeed.AlertItem item, @Nullable OutboxEntry acknowledgement, Instant now) {
        FleetEvent alert = item.alert();
        boolean open = !item.isAcknowledged();
        OutboxEntry.Status status = acknowledgement == null ? null : acknowledgement.status();
        String timeText = timeText(alert.time(), now);
        return new AlertRow(
                alert.eventId(),
                alert.severity(),
                alert.vehicleId(),
                alert.type(),
                alert.time(),
                timeText,
                summary(alert, timeText),
                stateText(item, acknowledgement),
                open,
                open && (status == null || status == OutboxEntry.Status.FAILED));
    }

    /** Returns a line such as {@code overspeed of van-03 (warning) at 14:03:12: limitKmh=80}. */
    private static String summary(FleetEvent alert, String timeText) {
        String vehicleId = alert.vehicleId();
        String subject = vehicleId == null ? "the fleet" : vehicleId;
        String line = alert.type() + " of " + subject + " (" + alert.severity().code() + ") at " + timeText;
        String attributes = VehicleDetails.shortAttributes(alert.attributes());
        return attributes.isEmpty() ? line : line + ": " + attributes;
    }

    private static String stateText(EventFeed.AlertItem item, @Nullable OutboxEntry acknowledgement) {
        Instant acknowledgedTime = item.acknowledgedTime();
        if (acknowledgedTime != null) {
            String by = item.acknowledgedBy();
            return "acknowledged" + (by == null ? "" : " by " + by) + " at " + Formats.localTime(acknowledgedTime);
        }
        if (acknowledgement == null) {
            return "open";
        }
        return switch (acknowledgement.status()) {
            case PENDING -> "acknowledging (pending)";
            // The tracker stored it; its alert-acknowledged event has not reached the feed yet.
            case SENT -> "acknowledgement sent";
            case FAILED ->
                "acknowledgement failed: "
                        + (acknowledgement.detail() == null ? "rejected by the tracker" : acknowledgement.detail());
        };
    }

    private static String timeText(Instant time, Instant now) {
        ZoneId zone = ZoneId.systemDefault();
        boolean today = LocalDate.ofInstant(time, zone).equals(LocalDate.ofInstant(now, zone));
        return today ? Formats.localTime(time) : DATE_TIME.format(time);
    }
}
