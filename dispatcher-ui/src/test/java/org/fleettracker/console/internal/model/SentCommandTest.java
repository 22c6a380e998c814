package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SentCommandTest {

    @Test
    void pending_entry_without_event_is_pending() {
        String text = SentCommand.statusText(entry(OutboxEntry.Status.PENDING, null), Optional.empty());

        assertThat(text).isEqualTo("pending (outbox)");
    }

    @Test
    void sent_entry_without_event_is_sent() {
        String text = SentCommand.statusText(entry(OutboxEntry.Status.SENT, null), Optional.empty());

        assertThat(text).isEqualTo("sent");
    }

    @Test
    void event_status_wins_once_known() {
        String afterSent = SentCommand.statusText(entry(OutboxEntry.Status.SENT, null), Optional.of("delivered"));
        String beforeSent = SentCommand.statusText(entry(OutboxEntry.Status.PENDING, null), Optional.of("stored"));

        assertThat(afterSent).isEqualTo("delivered");
        assertThat(beforeSent).isEqualTo("stored");
    }

    @Test
    void failed_entry_shows_reason() {
        String text = SentCommand.statusText(
                entry(OutboxEntry.Status.FAILED, "vehicle van-9 not found"), Optional.of("created"));

        assertThat(text).isEqualTo("failed: vehicle van-9 not found");
    }

    private static OutboxEntry entry(OutboxEntry.Status status, @Nullable String detail) {
        return new OutboxEntry("c-1", OutboxEntry.Kind.COMMAND, "message to van-1", Instant.EPOCH, status, detail);
    }
}
