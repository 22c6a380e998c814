package org.fleettracker.console.internal.model;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/** The time ranges the playback tab offers: a span ending now, or one the dispatcher types in. */
public enum PlaybackRangeChoice {
    LAST_15_MIN("last 15 min", Duration.ofMinutes(15)),
    LAST_1_H("last 1 h", Duration.ofHours(1)),
    LAST_6_H("last 6 h", Duration.ofHours(6)),
    CUSTOM("custom", null);

    private final String label;
    private final @Nullable Duration length;

    PlaybackRangeChoice(String label, @Nullable Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public boolean isCustom() {
        return length == null;
    }

    /**
     * Returns the range that ends at {@code now}.
     *
     * @throws IllegalStateException for {@link #CUSTOM}, whose range comes from the dispatcher's input
     */
    public TimeRange endingAt(Instant now) {
        if (length == null) {
            throw new IllegalStateException("the custom range has no fixed length; parse the typed times instead");
        }
        return TimeRange.ending(now, length);
    }
}
