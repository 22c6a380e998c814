package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final EventLog log = new EventLog(5, 3, 2, 2);

    @Test
    void event_is_kept_once_by_id() {
        FleetEvent event = event("e-1", "van-1", 1);

        boolean first = log.addAll(List.of(event));
        long version = log.version();
        boolean second = log.addAll(List.of(event));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(log.version()).isEqualTo(version);
        assertThat(log.latest(null, 10)).containsExactly(event);
    }

    @Test
    void latest_is_newest_first_per_vehicle() {
        log.addAll(List.of(event("e-1", "van-1", 1), event("e-2", "van-2", 2), event("e-3", "van-1", 3)));

        assertThat(log.latest("van-1", 10)).extracting(FleetEvent::eventId).containsExactly("e-3", "e-1");
        assertThat(log.latest(null, 2)).extracting(FleetEvent::eventId).containsExactly("e-3", "e-2");
        assertThat(log.latest("van-9", 10)).isEmpty();
    }

    @Test
    void per_vehicle_limit_drops_the_oldest() {
        for (int i = 1; i <= 4; i++) {
            log.addAll(List.of(event("e-" + i, "van-1", i)));
        }

        assertThat(log.latest("van-1", 10)).extracting(FleetEvent::eventId).containsExactly("e-4", "e-3", "e-2");
        assertThat(log.eventCount()).isEqualTo(3);
    }

    @Test
    void overall_limit_drops_the_oldest() {
        for (int i = 1; i <= 7; i++) {
            log.addAll(List.of(event("e-" + i, "van-" + i, i)));
        }

        assertThat(log.latest(null, 10))
                .extracting(FleetEvent::eventId)
                .containsExactly("e-7", "e-6", "e-5", "e-4", "e-3");
    }

    @Test
    void late_old_event_sorts_by_time() {
        log.addAll(List.of(event("e-5", "van-1", 5)));

        log.addAll(List.of(event("e-2", "van-1", 2)));

        assertThat(log.latest("van-1", 10)).extracting(FleetEvent::eventId).containsExactly("e-5", "e-2");
    }

    @Test
    void acknowledgement_marks_its_alert() {
        log.addAll(List.of(alert("a-1", 1)));

        log.addAll(List.of(acknowledged("ack-1", "a-1", 4)));

        EventFeed.AlertItem item = log.alerts().get(0);
        assertThat(item.isAcknowledged()).isTrue();
        assertThat(item.acknowledgedBy()).isEqualTo("dispatcher");
        assertThat(item.acknowledgedTime()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void acknowledgement_before_its_alert_applies_later() {
        log.addAll(List.of(acknowledged("ack-1", "a-1", 4)));

        log.addAll(List.of(alert("a-1", 1)));

        assertThat(log.alert("a-1").orElseThrow().isAcknowledged()).isTrue();
    }

    @Test
    void alerts_survive_a_flood_of_events() {
        log.addAll(List.of(alert("a-1", 1)));

        for (int i = 2; i <= 10; i++) {
            log.addAll(List.of(event("e-" + i, "van-1", i)));
        }

        assertThat(log.alerts()).extracting(item -> item.alert().eventId()).containsExactly("a-1");
        assertThat(log.alerts().get(0).isAcknowledged()).isFalse();
    }

    @Test
    void alert_limit_drops_the_oldest_alert() {
        log.addAll(List.of(alert("a-1", 1), alert("a-2", 2), alert("a-3", 3)));

        assertThat(log.alerts()).extracting(item -> item.alert().eventId()).containsExactly("a-3", "a-2");
    }

    @Test
    void command_status_follows_the_latest_step() {
        log.addAll(List.of(commandUpdated("c-1", "cmd-1", "published", 2)));
        log.addAll(List.of(commandUpdated("c-2", "cmd-1", "delivered", 3)));

        log.addAll(List.of(commandUpdated("c-0", "cmd-1", "stored", 1)));

        assertThat(log.commandStatus("cmd-1")).contains("delivered");
        assertThat(log.commandStatus("cmd-9")).isEmpty();
    }

    private static FleetEvent event(String eventId, String vehicleId, int second) {
        return new FleetEvent(eventId, "overspeed", vehicleId, T0.plusSeconds(second), Map.of());
    }

    private static FleetEvent alert(String eventId, int second) {
        return new FleetEvent(
                eventId, "panic", "van-1", T0.plusSeconds(second), EventSeverity.CRITICAL, true, Map.of());
    }

    private static FleetEvent acknowledged(String eventId, String alertId, int second) {
        return new FleetEvent(
                eventId,
                "alert-acknowledged",
                "van-1",
                T0.plusSeconds(second),
                Map.of("alertId", alertId, "acknowledgedBy", "dispatcher"));
    }

    private static FleetEvent commandUpdated(String eventId, String commandId, String status, int second) {
        return new FleetEvent(
                eventId,
                "command-updated",
                "van-1",
                T0.plusSeconds(second),
                Map.of("commandId", commandId, "status", status, "type", "message"));
    }
}
