package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.WriteResult;
import org.fleettracker.console.internal.model.EventLog;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResyncTest {

    private static final Instant LOST = Instant.parse("2026-03-01T08:00:00Z");
    private static final FleetInbox.Reconnect RECONNECT = new FleetInbox.Reconnect(LOST, LOST.plusSeconds(20));
    private static final Duration RETRY_DELAY = Duration.ofMillis(20);

    private final FleetModel model = new FleetModel(10);
    private final EventLog eventLog = new EventLog(100, 100, 100, 100);

    @Test
    void failed_refill_is_read_again_until_the_api_answers() {
        EventsFailingApi api = new EventsFailingApi(2);
        try (Resync resync = new Resync(api, Clock.systemUTC(), RETRY_DELAY)) {
            resync.start(RECONNECT, List.of());

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                resync.applyFinished(model, eventLog);
                return eventLog.eventCount() == 1;
            });

            assertThat(api.eventReads()).isEqualTo(3);
            assertThat(eventLog.latest(null, 10))
                    .extracting(FleetEvent::eventId)
                    .containsExactly("missed-1");
        }
    }

    @Test
    void refill_stops_trying_after_the_last_attempt() {
        EventsFailingApi api = new EventsFailingApi(Integer.MAX_VALUE);
        try (Resync resync = new Resync(api, Clock.systemUTC(), RETRY_DELAY)) {
            resync.start(RECONNECT, List.of());

            await().atMost(Duration.ofSeconds(10)).until(() -> api.eventReads() == ConsoleConfig.RESYNC_ATTEMPTS);
            // The delays double from 20 ms, so a sixth read would come within 320 ms.
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> api.eventReads() == ConsoleConfig.RESYNC_ATTEMPTS);
            assertThat(resync.applyFinished(model, eventLog)).isTrue();
            assertThat(eventLog.eventCount()).isZero();
        }
    }

    @Test
    void open_alerts_are_read_again_after_a_failure() {
        EventsFailingApi api = new EventsFailingApi(1);
        try (Resync resync = new Resync(api, Clock.systemUTC(), RETRY_DELAY)) {
            resync.readOpenAlerts();

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                resync.applyFinished(model, eventLog);
                return eventLog.alerts().size() == 1;
            });

            assertThat(api.alertReads()).isEqualTo(2);
        }
    }

    /** An API whose first {@code failures} event and alert reads fail, as when the tracker starts after the broker. */
    private static final class EventsFailingApi implements TrackerApi {

        private final int failures;
        private final AtomicInteger eventReads = new AtomicInteger();
        private final AtomicInteger alertReads = new AtomicInteger();

        EventsFailingApi(int failures) {
            this.failures = failures;
        }

        int eventReads() {
            return eventReads.get();
        }

        int alertReads() {
            return alertReads.get();
        }

        @Override
        public List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions) {
            return List.of();
        }

        @Override
        public List<FleetEvent> events(@Nullable String vehicleId, Instant from, Instant to, int limit)
                throws IOException {
            if (eventReads.incrementAndGet() <= failures) {
                throw new IOException("cannot reach the tracker API: connection refused");
            }
            return List.of(new FleetEvent("missed-1", "overspeed", "van-01", LOST.plusSeconds(5), Map.of()));
        }

        @Override
        public List<FleetEvent> alerts(AlertState state, int limit) throws IOException {
            if (alertReads.incrementAndGet() <= failures) {
                throw new IOException("cannot reach the tracker API: connection refused");
            }
            return List.of(new FleetEvent(
                    "panic-1", "panic", "van-02", LOST.plusSeconds(1), EventSeverity.CRITICAL, true, Map.of()));
        }

        @Override
        public WriteResult acknowledgeAlert(String eventId, @Nullable String note) throws IOException {
            throw new IOException("not used");
        }

        @Override
        public WriteResult sendCommand(String vehicleId, CommandRequest request) throws IOException {
            throw new IOException("not used");
        }

        @Override
        public WriteResult createJob(Job job) throws IOException {
            throw new IOException("not used");
        }
    }
}
