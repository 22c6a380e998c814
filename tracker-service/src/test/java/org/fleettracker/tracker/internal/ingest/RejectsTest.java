package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Reject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RejectsTest {

    private static final String EMOJI = "\uD83D\uDE97";

    @Test
    void excerpt_keeps_short_payload_whole() {
        String payload = "{\"seq\":" + EMOJI + "}";

        String excerpt = Rejects.excerpt(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(excerpt).isEqualTo(payload);
    }

    @Test
    void excerpt_cuts_long_ascii_payload_at_the_limit() {
        String payload = "a".repeat(Reject.MAX_EXCERPT_CHARS + 10);

        String excerpt = Rejects.excerpt(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(excerpt).isEqualTo("a".repeat(Reject.MAX_EXCERPT_CHARS));
    }

    @Test
    void excerpt_drops_emoji_split_by_the_limit() {
        // The emoji's high surrogate is the last character that fits, its low surrogate the first that does not.
        String head = "a".repeat(Reject.MAX_EXCERPT_CHARS - 1);
        String payload = head + EMOJI + "tail";

        String excerpt = Rejects.excerpt(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(excerpt).isEqualTo(head);
    }

    @Test
    void excerpt_keeps_emoji_that_ends_at_the_limit() {
        String head = "a".repeat(Reject.MAX_EXCERPT_CHARS - 2);
        String payload = head + EMOJI + "tail";

        String excerpt = Rejects.excerpt(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(excerpt).isEqualTo(head + EMOJI);
    }
}
