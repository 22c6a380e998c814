package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRowTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final FleetEvent PANIC =
            new FleetEvent("evt-1", "panic", "van-01", NOW.minusSeconds(60), EventSeverity.CRITICAL, true, Map.of());

    @Test
    void open_alert_without_entry_can_be_acknowledged() {
        AlertRow row = AlertRow.of(new EventFeed.AlertItem(PANIC, null, null), null, NOW);

        assertThat(row.stateText()).isEqualTo("open");
        assertThat(row.open()).isTrue();
        assertThat(row.canAcknowledge()).isTrue();
        assertThat(row.vehicleId()).isEqualTo("van-01");
        assertThat(row.severity()).isEqualTo(EventSeverity.CRITICAL);
    }

    @Test
    void summary_names_type_vehicle_severity_and_attributes() {
        FleetEvent alert =
                new FleetEvent("evt-3", "overspeed", null, NOW, EventSeverity.WARNING, true, Map.of("limitKmh", "80"));

        AlertRow row = AlertRow.of(new EventFeed.AlertItem(alert, null, null), null, NOW);

        assertThat(row.summary())
                .isEqualTo("overspeed of the fleet (warning) at " + Formats.localTime(NOW) + ": limitKmh=80");
    }

    @Test
    void pending_entry_shows_acknowledging() {
        AlertRow row = AlertRow.of(openItem(), entry(OutboxEntry.Status.PENDING, null), NOW);

        assertThat(row.stateText()).isEqualTo("acknowledging (pending)");
        assertThat(row.open()).isTrue();
        assertThat(row.canAcknowledge()).isFalse();
    }

    @Test
    void failed_entry_shows_reason_and_allows_retry() {
        AlertRow row = AlertRow.of(openItem(), entry(OutboxEntry.Status.FAILED, "alert evt-1 not found"), NOW);

        assertThat(row.stateText()).isEqualTo("acknowledgement failed: alert evt-1 not found");
        assertThat(row.canAcknowledge()).isTrue();
    }

    @Test
    void sent_entry_waits_for_the_feed() {
        AlertRow row = AlertRow.of(openItem(), entry(OutboxEntry.Status.SENT, null), NOW);

        assertThat(row.stateText()).isEqualTo("acknowledgement sent");
        assertThat(row.open()).isTrue();
        assertThat(row.canAcknowledge()).isFalse();
    }

    @Test
    void acknowledged_alert_shows_who_and_when() {
        Instant acknowledgedTime = NOW.minusSeconds(10);
        EventFeed.AlertItem item = new EventFeed.AlertItem(PANIC, "dispatcher", acknowledgedTime);

        AlertRow row = AlertRow.of(item, entry(OutboxEntry.Status.SENT, null), NOW);

        assertThat(row.stateText()).isEqualTo("acknowledged by dispatcher at " + Formats.localTime(acknowledgedTime));
        assertThat(row.open()).isFalse();
        assertThat(row.canAcknowledge()).isFalse();
    }

    @Test
    void alert_of_an_earlier_day_shows_its_date() {
        FleetEvent old = new FleetEvent(
                "evt-2", "overspeed", "van-02", NOW.minusSeconds(3 * 86_400), EventSeverity.WARNING, true, Map.of());

        AlertRow row = AlertRow.of(new EventFeed.AlertItem(old, null, null), null, NOW);

        assertThat(row.timeText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    }

    private static EventFeed.AlertItem openItem() {
        return new EventFeed.AlertItem(PANIC, null, null);
    }

    private static OutboxEntry entry(OutboxEntry.Status status, @Nullable String detail) {
        return new OutboxEntry(
                "evt-1", OutboxEntry.Kind.ALERT_ACKNOWLEDGEMENT, "acknowledge panic", NOW, status, detail);
    }
}
